// Hand-written: sums of natural logarithms of float32 values, for `geometric_mean` in a float32 graph, where numpy
// takes a vectorised float32 log of every value (AVX-512/AVX2 SIMD) and a scalar log per value (glibc's, or
// Swift's `log`) is three times slower than all of numpy's gmean.
//
// No logarithm per value: Σ log x = Σ e·ln 2 + log Π m for x = m·2^e, m ∈ [1, 2). Each float32 is split into its
// exponent (summed as an integer, exactly) and its mantissa (widened exactly to float64 and multiplied into one of
// 16 running products). A product of k mantissas lies in [1, 2^k): every 512 values a lane's product is split the
// same way (its exponent moved into the integer sum), so it never overflows. At the end the 16 products take one
// log each. Each multiplication rounds by at most 2^-53, so the sum of n logarithms is off by at most about
// n·1.1e-16 — the float64 logarithms of the values, summed, are no closer — and the float32 result (the geometric
// mean rounded to float32) is within an ulp of numpy's float64 gmean of the same float32 values.
//
// Values that are not positive normal floats (0, subnormal, negative, inf, NaN) take float64 `log` each, added to
// a separate sum (−inf for 0, NaN for a negative value, as numpy's log); their lanes count as 1 in the products.
//
// Written with the compiler's vector extensions (16 floats, two 8-double products a vector) and compiled for
// AVX-512, AVX2 and the x86-64 baseline, chosen at run time as dist_sliding.c: the same operations in the same order
// at every level, so every level gives the same bits.
#include "dist_log_sums.h"
#include "dist_dispatch.h"  // DISPATCH: the vector level this processor resolves to

#include <math.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang diagnostic ignored "-Wpsabi"

#define V 16
#define RENORMALISE_EVERY 512  // products of [1, 2) values stay below 2^512 (float64's largest is ~2^1024)
typedef float vf __attribute__((vector_size(4 * V)));
typedef int vi __attribute__((vector_size(4 * V)));
typedef unsigned vu __attribute__((vector_size(4 * V)));
typedef double vd __attribute__((vector_size(8 * 8)));
typedef long long vl __attribute__((vector_size(8 * 8)));

#define INLINE static inline __attribute__((always_inline))

INLINE vi splati(int a) {
    vi v;
    for (int k = 0; k < V; ++k) v[k] = a;
    return v;
}

INLINE vl splatl(long long a) { return (vl){a, a, a, a, a, a, a, a}; }

// The running state of 16 lanes: the mantissa products (lanes 0–7 and 8–15), the exponents summed since the last
// renormalisation, the exponents moved out of the products, and the logarithms of the values that are not
// positive normal floats.
typedef struct {
    vd low, high;
    vi exponents;
    vl moved_low, moved_high;
    double others;
} logs;

INLINE void start(logs *s) {
    s->low = s->high = (vd){1, 1, 1, 1, 1, 1, 1, 1};
    s->exponents = splati(0);
    s->moved_low = s->moved_high = splatl(0);
    s->others = 0;
}

// Adds 16 values (`count` of them from p; the lanes after count hold 1, whose log is 0).
INLINE void add(logs *s, const float *p, long count) {
    vf x = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    memcpy(&x, p, (size_t)(count < V ? count : V) * sizeof(float));
    vi bits = (vi)x;
    // Zero, subnormal, negative, inf and NaN: the biased unsigned test puts all of them above the bound.
    const vi special = (vu)(bits - 0x00800000) >= (vu)splati(0x7f000000);
    if (__builtin_expect(__builtin_reduce_or(special) != 0, 0)) {
        for (int k = 0; k < V; ++k)
            if (special[k]) s->others += log((double)x[k]);
        bits = (bits & ~special) | (splati(0x3f800000) & special);
    }
    s->exponents += ((bits >> 23) & 0xff) - 127;
    const vf m = (vf)((bits & 0x007fffff) | 0x3f800000);
    s->low *= __builtin_convertvector(__builtin_shufflevector(m, m, 0, 1, 2, 3, 4, 5, 6, 7), vd);
    s->high *= __builtin_convertvector(__builtin_shufflevector(m, m, 8, 9, 10, 11, 12, 13, 14, 15), vd);
}

// Moves each product's exponent into `moved` (the product back to [1, 2)).
INLINE void renormalise_half(vd *product, vl *moved) {
    const vl bits = (vl)*product;
    *moved += ((bits >> 52) & 0x7ff) - 1023;
    *product = (vd)((bits & 0x000fffffffffffffLL) | 0x3ff0000000000000LL);
}

INLINE void renormalise(logs *s) {
    renormalise_half(&s->low, &s->moved_low);
    renormalise_half(&s->high, &s->moved_high);
}

// Σ log of every value added: the exponents exactly, then the products' logarithms in lane order.
INLINE double total(logs *s) {
    long long e = 0;
    for (int k = 0; k < V; ++k) e += s->exponents[k];
    for (int k = 0; k < 8; ++k) e += s->moved_low[k] + s->moved_high[k];
    double products = 0;
    for (int k = 0; k < 8; ++k) products += log(s->low[k]);
    for (int k = 0; k < 8; ++k) products += log(s->high[k]);
    return ((double)e * M_LN2 + products) + s->others;
}

INLINE void row_sums(const float *x, long rows, long n, double *sums) {
    for (long r = 0; r < rows; ++r) {
        const float *row = x + r * n;
        logs s;
        start(&s);
        long since = 0;
        for (long i = 0; i < n; i += V) {
            add(&s, row + i, n - i);
            if (++since == RENORMALISE_EVERY) {
                renormalise(&s);
                since = 0;
            }
        }
        sums[r] = total(&s);
    }
}

// 16 columns at a time, down the rows.
INLINE void column_sums(const float *x, long rows, long n, double *sums) {
    for (long c = 0; c < n; c += V) {
        logs s;
        start(&s);
        long since = 0;
        for (long r = 0; r < rows; ++r) {
            add(&s, x + r * n + c, n - c);
            if (++since == RENORMALISE_EVERY) {
                renormalise(&s);
                since = 0;
            }
        }
        // Lane by lane: the same order as `total` for one lane.
        const long count = n - c < V ? n - c : V;
        renormalise(&s);
        for (long k = 0; k < count; ++k) {
            const long long e = s.exponents[k] + (k < 8 ? s.moved_low[k] : s.moved_high[k - 8]);
            const double product = k < 8 ? s.low[k] : s.high[k - 8];
            sums[c + k] = (double)e * M_LN2 + log(product);
        }
        if (s.others != 0) {  // NaN too: the values that are not positive normal floats, column by column
            for (long k = 0; k < count; ++k) {
                double others = 0;
                for (long r = 0; r < rows; ++r) {
                    const float v = x[r * n + c + k];
                    unsigned bits;
                    memcpy(&bits, &v, sizeof bits);
                    if (bits - 0x00800000u >= 0x7f000000u) others += log((double)v);
                }
                sums[c + k] += others;
            }
        }
    }
}

#if defined(__x86_64__)
#define TARGETED(NAME, BODY)                                                                                           \
    __attribute__((target("avx512f"))) static void NAME##_avx512(const float *x, long rows, long n, double *s) {    \
        BODY(x, rows, n, s);                                                                                           \
    }                                                                                                                  \
    __attribute__((target("avx2"))) static void NAME##_avx2(const float *x, long rows, long n, double *s) {         \
        BODY(x, rows, n, s);                                                                                           \
    }                                                                                                                  \
    static void NAME##_base(const float *x, long rows, long n, double *s) { BODY(x, rows, n, s); }
#else
#define TARGETED(NAME, BODY)                                                                                           \
    static void NAME##_base(const float *x, long rows, long n, double *s) { BODY(x, rows, n, s); }
#endif

TARGETED(rows, row_sums)
TARGETED(columns, column_sums)

void dist_log_sums_rows_float(const float *x, long rows, long n, double *sums, int level) {
    DISPATCH(level, rows, x, rows, n, sums)
}

void dist_log_sums_columns_float(const float *x, long rows, long n, double *sums, int level) {
    DISPATCH(level, columns, x, rows, n, sums)
}
