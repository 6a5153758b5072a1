// Hand-written: DASCore's demean, standardize and normalize (l2) along time for a float32 chunk in a float64 graph
// (issue 19). The Swift path widened each row into a float64 line, summed it in one chain of dependent additions
// (4 cycles an element: 10 M elements ≈ 13 ms, more than the memory traffic), then rewrote it: 28 ms for
// normalize against a bound of ~9 ms. Here eight rows are summed side by side, one row per lane of a vector of
// eight doubles: each block of 8 columns of the 8 rows is transposed in registers so that one vector addition
// adds column k of every row, and every row's sum is still taken in column order — the same additions in the same
// order as the scalar loop, so the same bits (a NaN adds +0, as the Swift loop's `x.isNaN ? 0 : x`). The eight
// rows (320 KB) are then still in L2 when they are read again for the next statistic and for the output, so the
// chunk comes from memory once. No fused multiply-adds (contraction off): x·x then +, as Swift computes it.
// A float32 graph's float32 rows are centred in their own buffer the same way (the Swift in-place kernel summed four
// rows side by side, one dependent addition a value per row: 5.7 ms for demean). Compiled for AVX-512, AVX2 and the
// x86-64 baseline, chosen at run time as dist_sliding.c.
#include "dist_row_centring.h"
#include "dist_sliding.h"  // dist_sliding_vector_bits: the level this processor resolves to

#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma clang fp contract(off)
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))
#define GROUP 8

typedef float vf8 __attribute__((vector_size(32)));
typedef double vd8 __attribute__((vector_size(64)));
typedef int64_t vl8 __attribute__((vector_size(64)));

// Column k of the eight rows r[0..8) for k in [k0, k0 + 8), as out[0..8) (out[c][g] = r[g][k0 + c]).
INLINE void transposed(const float *const r[GROUP], long k0, vd8 out[8]) {
    vf8 a[8];
    for (int g = 0; g < GROUP; ++g) memcpy(&a[g], r[g] + k0, sizeof(vf8));
    const vf8 t0 = __builtin_shufflevector(a[0], a[1], 0, 8, 1, 9, 4, 12, 5, 13);
    const vf8 t1 = __builtin_shufflevector(a[0], a[1], 2, 10, 3, 11, 6, 14, 7, 15);
    const vf8 t2 = __builtin_shufflevector(a[2], a[3], 0, 8, 1, 9, 4, 12, 5, 13);
    const vf8 t3 = __builtin_shufflevector(a[2], a[3], 2, 10, 3, 11, 6, 14, 7, 15);
    const vf8 t4 = __builtin_shufflevector(a[4], a[5], 0, 8, 1, 9, 4, 12, 5, 13);
    const vf8 t5 = __builtin_shufflevector(a[4], a[5], 2, 10, 3, 11, 6, 14, 7, 15);
    const vf8 t6 = __builtin_shufflevector(a[6], a[7], 0, 8, 1, 9, 4, 12, 5, 13);
    const vf8 t7 = __builtin_shufflevector(a[6], a[7], 2, 10, 3, 11, 6, 14, 7, 15);
    const vf8 u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
    const vf8 u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    const vf8 u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
    const vf8 u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    const vf8 u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
    const vf8 u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    const vf8 u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
    const vf8 u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    out[0] = __builtin_convertvector(__builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11), vd8);
    out[1] = __builtin_convertvector(__builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11), vd8);
    out[2] = __builtin_convertvector(__builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11), vd8);
    out[3] = __builtin_convertvector(__builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11), vd8);
    out[4] = __builtin_convertvector(__builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15), vd8);
    out[5] = __builtin_convertvector(__builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15), vd8);
    out[6] = __builtin_convertvector(__builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15), vd8);
    out[7] = __builtin_convertvector(__builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15), vd8);
}

// The lanes of v that are not NaN, the others +0 (x & all ones is x; & 0 is +0).
INLINE vd8 unless_nan(vd8 v, vl8 valid) { return (vd8)((vl8)v & valid); }

// One term of a row's sum: x (the mean's sum), x·x (the l2 norm) or (x − m)·(x − m) (the variance).
enum term { TERM_X, TERM_SQUARE, TERM_DEVIATION };

INLINE vd8 term_of(vd8 v, int term, vd8 m) {
    if (term == TERM_X) return v;
    if (term == TERM_SQUARE) return v * v;
    const vd8 d = v - m;
    return d * d;
}

// Σ term over the values that are not NaN of each of the eight rows, in column order, and how many there were.
INLINE void row_sums(const float *const r[GROUP], long n, int term, vd8 m, double sums[GROUP], long counts[GROUP]) {
    vd8 s = {0};
    vl8 c = {0};
    long k = 0;
    for (; k + 8 <= n; k += 8) {
        vd8 col[8];
        transposed(r, k, col);
        for (int j = 0; j < 8; ++j) {
            const vl8 valid = (vl8)(col[j] == col[j]);
            s += unless_nan(term_of(col[j], term, m), valid);
            c -= valid;
        }
    }
    for (; k < n; ++k) {  // the last columns, in order
        vd8 v;
        for (int g = 0; g < GROUP; ++g) v[g] = r[g][k];
        const vl8 valid = (vl8)(v == v);
        s += unless_nan(term_of(v, term, m), valid);
        c -= valid;
    }
    for (int g = 0; g < GROUP; ++g) {
        sums[g] = s[g];
        counts[g] = c[g];
    }
}

// y[k] = (x[k] − shift) · scale or (x[k] − shift) / divisor (`divide`), for one row. The scalar tail computes the
// same expression.
INLINE void write_row(const float *x, double *y, long n, double shift, double factor, int divide) {
    long k = 0;
    const vd8 s = {shift, shift, shift, shift, shift, shift, shift, shift};
    const vd8 f = {factor, factor, factor, factor, factor, factor, factor, factor};
    for (; k + 8 <= n; k += 8) {
        vf8 a;
        memcpy(&a, x + k, sizeof a);
        const vd8 d = __builtin_convertvector(a, vd8) - s;
        const vd8 v = divide ? d / f : d * f;
        memcpy(y + k, &v, sizeof v);
    }
    for (; k < n; ++k) y[k] = divide ? ((double)x[k] - shift) / factor : ((double)x[k] - shift) * factor;
}

// The same expressions rounded to float32, into a float32 row (which may be x itself: each value is read before
// it is written).
INLINE void write_row_single(const float *x, float *y, long n, double shift, double factor, int divide) {
    const vd8 s = {shift, shift, shift, shift, shift, shift, shift, shift};
    const vd8 f = {factor, factor, factor, factor, factor, factor, factor, factor};
    long k = 0;
    for (; k + 8 <= n; k += 8) {
        vf8 a;
        memcpy(&a, x + k, sizeof a);
        const vd8 d = __builtin_convertvector(a, vd8) - s;
        const vf8 v = __builtin_convertvector(divide ? d / f : d * f, vf8);
        memcpy(y + k, &v, sizeof v);
    }
    for (; k < n; ++k) y[k] = (float)(divide ? ((double)x[k] - shift) / factor : ((double)x[k] - shift) * factor);
}

// Row g of the group: into y (float64) when given, else into ys (float32).
INLINE void write_group_row(const float *x, double *y, float *ys, long n, double shift, double factor, int divide) {
    if (y) write_row(x, y, n, shift, factor, divide);
    else write_row_single(x, ys, n, shift, factor, divide);
}

// Every group of eight rows: its statistics from x, then its rows written to y (float64) or ys (float32; ys may be
// x: a group's rows are all read for its statistics before any of them is written).
INLINE void centring(const float *x, double *y, float *ys, long rows, long n, int kind) {
    for (long r0 = 0; r0 < rows; r0 += GROUP) {
        const long count = rows - r0 < GROUP ? rows - r0 : GROUP;
        const float *r[GROUP];  // a short last group repeats its last row, which is then only read
        for (int g = 0; g < GROUP; ++g) r[g] = x + (r0 + (g < count ? g : count - 1)) * n;
        double sums[GROUP], squares[GROUP], means[GROUP];
        long counts[GROUP];
        const vd8 none = {0};
        if (kind == DIST_ROW_L2_NORMALIZE) {
            row_sums(r, n, TERM_SQUARE, none, squares, counts);
            for (long g = 0; g < count; ++g) {
                const double divisor = sqrt(squares[g]);
                write_group_row(r[g], y ? y + (r0 + g) * n : NULL, ys ? ys + (r0 + g) * n : NULL, n, 0,
                                1 / (divisor == 0 ? 1 : divisor), 0);
            }
            continue;
        }
        row_sums(r, n, TERM_X, none, sums, counts);
        vd8 m;
        for (int g = 0; g < GROUP; ++g) m[g] = means[g] = counts[g] > 0 ? sums[g] / (double)counts[g] : NAN;
        if (kind == DIST_ROW_DEMEAN) {
            for (long g = 0; g < count; ++g)
                write_group_row(r[g], y ? y + (r0 + g) * n : NULL, ys ? ys + (r0 + g) * n : NULL, n, means[g], 1, 0);
            continue;
        }
        row_sums(r, n, TERM_DEVIATION, m, squares, counts);
        for (long g = 0; g < count; ++g)
            write_group_row(r[g], y ? y + (r0 + g) * n : NULL, ys ? ys + (r0 + g) * n : NULL, n, means[g],
                            sqrt(squares[g] / (double)counts[g]), 1);
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void centring_avx512(const float *x, double *y, float *ys, long rows, long n,
                                                                int kind) {
    centring(x, y, ys, rows, n, kind);
}
__attribute__((target("avx2"))) static void centring_avx2(const float *x, double *y, float *ys, long rows, long n,
                                                           int kind) {
    centring(x, y, ys, rows, n, kind);
}
#endif
static void centring_base(const float *x, double *y, float *ys, long rows, long n, int kind) {
    centring(x, y, ys, rows, n, kind);
}

static void centring_at(const float *x, double *y, float *ys, long rows, long n, int kind, int level) {
    if (rows <= 0 || n <= 0) return;
#if defined(__x86_64__)
    switch (dist_sliding_vector_bits(level)) {
    case 512: centring_avx512(x, y, ys, rows, n, kind); return;
    case 256: centring_avx2(x, y, ys, rows, n, kind); return;
    default: break;
    }
#else
    (void)level;
#endif
    centring_base(x, y, ys, rows, n, kind);
}

void dist_row_centring_widen(const float *x, double *y, long rows, long n, int kind, int level) {
    centring_at(x, y, NULL, rows, n, kind, level);
}

void dist_row_centring_single_in_place(float *x, long rows, long n, int kind, int level) {
    centring_at(x, NULL, x, rows, n, kind, level);
}
