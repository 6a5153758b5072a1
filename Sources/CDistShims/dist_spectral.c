// Hand-written: DASCore's spectral descriptors (spectral_centroid, median_frequency, spectral_peak_frequency,
// spectral_flatness, spectral_entropy) of every channel's spectrum, one pass per channel: the power |X|² of the
// selected bins gathered into a scratch row that stays in cache, then the descriptor. In C because flatness and
// entropy take one logarithm per bin (5·10⁶ a chunk) and glibc's log is a scalar call: here fdlibm's log (the
// reduction to [√2/2, √2) by integer arithmetic on the bits, then a degree-14 polynomial in s = f/(2+f); within 1 ulp
// of glibc's) is written without branches, so the compiler evaluates 4 (AVX2) or 8 (AVX-512) at a time — compiled
// for AVX-512, AVX2 and the baseline and chosen at run time, as dist_atan2.c. Values the reduction does not cover
// (zero, subnormal, infinite, NaN) go through glibc's log in a second pass over their block.
//
// Centroid, median and peak keep the sequential sums of the Swift code they replace, so their results are the same
// bits; flatness and entropy sum their logarithms in 8 partial sums (a different rounding, within 1e-15 relative of
// the sequential sum of glibc's logarithms: Tests/DistSwiftEngineTests/SpectralKernelsTests.swift).
#include "dist_spectral.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
// The helpers pass 8-double vectors by value; they are always inlined, so no call uses the vector ABI the warning
// is about.
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

/// fdlibm's log (e_log.c) for positive normal x, with 64-bit integer steps instead of its 32-bit word split.
INLINE double fast_log(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    // Shift the exponent so that the mantissa lands in [√2/2, √2): k is the exponent of x / m.
    const uint64_t t = u + 0x00095f6200000000ULL;
    const int32_t k = (int32_t)(t >> 52) - 0x3ff;
    const uint64_t mbits = (t & 0x000fffffffffffffULL) + 0x3fe6a09e00000000ULL;
    double m;
    memcpy(&m, &mbits, sizeof m);
    const double f = m - 1.0, hfsq = 0.5 * f * f, s = f / (2.0 + f), z = s * s, w = z * z;
    const double t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
    const double t2 = z * (6.666666666666735130e-01
                           + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
    const double r = t2 + t1, dk = (double)k;
    return s * (hfsq + r) + dk * 1.90821492927058770002e-10 - hfsq + f + dk * 6.93147180369123816490e-01;
}

INLINE int outside(double v) { return !(v >= DBL_MIN && v <= DBL_MAX); }

#define BLOCK 256
#define LANES 8
typedef double vd __attribute__((vector_size(8 * LANES)));

INLINE vd load(const double *p) {
    vd v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE double lanes_sum(vd a) {
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
}

/// Σ x[i] in LANES partial sums (the same order on every instruction set).
INLINE double partial_sum(const double *restrict x, long n) {
    vd acc = {0};
    long i = 0;
    for (; i + LANES <= n; i += LANES) acc += load(x + i);
    double tail = 0;
    for (; i < n; ++i) tail += x[i];
    return lanes_sum(acc) + tail;
}

/// Σ term(x[i]) in LANES partial sums, term(v) = log v (xlogx 0) or v·log v with 0·log 0 = 0 (xlogx 1).
INLINE double log_terms(const double *restrict x, long n, int xlogx) {
    vd acc = {0};
    double tail = 0;
    double terms[BLOCK];
    for (long first = 0; first < n; first += BLOCK) {
        const long m = n - first < BLOCK ? n - first : BLOCK;
        const double *v = x + first;
        int bad = 0;
        for (long i = 0; i < m; ++i) {
            const double l = fast_log(v[i]);
            terms[i] = xlogx ? (v[i] == 0 ? 0.0 : v[i] * l) : l;
            bad |= outside(v[i]);
        }
        if (bad)
            for (long i = 0; i < m; ++i)
                if (outside(v[i])) terms[i] = xlogx ? (v[i] == 0 ? 0.0 : v[i] * log(v[i])) : log(v[i]);
        long i = 0;
        for (; i + LANES <= m; i += LANES) acc += load(terms + i);
        for (; i < m; ++i) tail += terms[i];
    }
    return lanes_sum(acc) + tail;
}

/// The largest of x[0..n) (n ≥ 1) by lanes: the same value as a sequential scan when there is no NaN.
INLINE double largest(const double *restrict x, long n) {
    double best = x[0];
    long i = 0;
    if (n >= LANES) {
        vd m = load(x);
        for (i = LANES; i + LANES <= n; i += LANES) {
            const vd v = load(x + i);
            m = __builtin_elementwise_max(m, v);
        }
        for (int k = 0; k < LANES; ++k) best = m[k] > best ? m[k] : best;
    }
    for (; i < n; ++i) best = x[i] > best ? x[i] : best;
    return best;
}

/// Σ log(x[i]): the same code as the descriptors' (one instruction set level: the baseline's).
double dist_log_sum(const double *x, long n) { return log_terms(x, n, 0); }

/// The descriptor of one channel's power p[0..n) at ascending frequencies f, as the Swift definitions it replaces.
INLINE double statistic(int kind, double *restrict p, long n, const double *restrict f) {
    switch (kind) {
    case DIST_SPECTRAL_CENTROID: {
        double total = 0, moment = 0;
        for (long i = 0; i < n; ++i) {
            total += p[i];
            moment += f[i] * p[i];
        }
        return total > 0 ? moment / total : NAN;
    }
    case DIST_SPECTRAL_MEDIAN: {
        double total = 0;
        for (long i = 0; i < n; ++i) total += p[i];
        if (!(total > 0)) return NAN;
        double cumulative = 0;
        for (long i = 0; i < n; ++i) {
            cumulative += p[i];
            if (cumulative >= 0.5 * total) return f[i];
        }
        return f[n - 1];
    }
    case DIST_SPECTRAL_PEAK: {
        double total = 0;
        long best = 0;
        for (long i = 0; i < n; ++i) {
            total += p[i];
            if (p[i] > p[best]) best = i;
        }
        return total > 0 ? f[best] : NAN;
    }
    case DIST_SPECTRAL_FLATNESS: {
        // Scaled by the peak first, as DASCore, so the logarithms do not underflow for any power scale.
        const double peak = largest(p, n);
        if (!(peak > 0)) return NAN;
        // Times the reciprocal (numpy divides): within 1 ulp per value, and a multiplication is 4–8× the rate.
        const double inverse = 1 / peak;
        for (long i = 0; i < n; ++i) p[i] *= inverse;
        const double mean = partial_sum(p, n) / (double)n;
        if (!(mean > 0)) return NAN;
        const double ratio = exp(log_terms(p, n, 0) / (double)n) / mean;
        const double low = 0 >= ratio ? 0 : ratio;  // Swift's min(max(ratio, 0), 1), NaN passing through
        return 1 < low ? 1 : low;
    }
    default: {  // entropy
        const double total = partial_sum(p, n);
        double entropy = -0.0;
        if (total > 0) {
            const double inverse = 1 / total;
            for (long i = 0; i < n; ++i) p[i] = p[i] > 0 ? p[i] * inverse : 0;
            entropy = -(log_terms(p, n, 1) / M_LN2);
        }
        if (kind == DIST_SPECTRAL_ENTROPY_RAW) return entropy;
        return n == 1 ? 0 : entropy / log2((double)n);
    }
    }
}

// A spectrum's selected bins are usually one run of consecutive bins (rfft, the non-negative half of dft): then
// the gather is a plain loop the compiler vectorises. Each layout's loop is compiled for AVX-512, AVX2 and the
// baseline and chosen at run time.
#define GATHER(RE, IM)                                                                                           \
    {                                                                                                              \
        const double real = (double)(RE), imaginary = (double)(IM);                                                \
        scratch[j] = real * real + imaginary * imaginary;                                                          \
    }
#define DEFINE_ROWS(NAME, SOURCE, RE, IM)                                                                        \
    INLINE void NAME##_body(int kind, SOURCE, long rows, long columns, const long *bins, long count,              \
                            const double *frequencies, double *scratch, double *out) {                            \
        long run = 1;                                                                                              \
        while (run < count && bins[run] == bins[0] + run) ++run;                                                   \
        const long start = bins[0];                                                                                \
        for (long r = 0; r < rows; ++r) {                                                                          \
            const long row = r * columns;                                                                          \
            if (run == count) {                                                                                    \
                for (long j = 0; j < count; ++j) {                                                                 \
                    const long bin = start + j;                                                                    \
                    GATHER(RE, IM)                                                                                 \
                }                                                                                                  \
            } else {                                                                                               \
                for (long j = 0; j < count; ++j) {                                                                 \
                    const long bin = bins[j];                                                                      \
                    GATHER(RE, IM)                                                                                 \
                }                                                                                                  \
            }                                                                                                      \
            out[r] = statistic(kind, scratch, count, frequencies);                                                 \
        }                                                                                                          \
    }

#define COMMA ,
#define BODY_ARGS(...) (kind, __VA_ARGS__, rows, columns, bins, count, frequencies, scratch, out)

#if defined(__x86_64__)
#define DISPATCH(NAME, SOURCE_PARAMS, ...)                                                                       \
    __attribute__((target("avx512f"))) static void NAME##_avx512(int kind, SOURCE_PARAMS, long rows,             \
        long columns, const long *bins, long count, const double *frequencies, double *scratch, double *out) {    \
        NAME##_body BODY_ARGS(__VA_ARGS__);                                                                        \
    }                                                                                                              \
    __attribute__((target("avx2,fma"))) static void NAME##_avx2(int kind, SOURCE_PARAMS, long rows,              \
        long columns, const long *bins, long count, const double *frequencies, double *scratch, double *out) {    \
        NAME##_body BODY_ARGS(__VA_ARGS__);                                                                        \
    }                                                                                                              \
    void NAME(int kind, SOURCE_PARAMS, long rows, long columns, const long *bins, long count,                     \
              const double *frequencies, double *scratch, double *out) {                                          \
        __builtin_cpu_init();                                                                                      \
        if (__builtin_cpu_supports("avx512f")) { NAME##_avx512 BODY_ARGS(__VA_ARGS__); return; }                   \
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {                                     \
            NAME##_avx2 BODY_ARGS(__VA_ARGS__);                                                                    \
            return;                                                                                                \
        }                                                                                                          \
        NAME##_body BODY_ARGS(__VA_ARGS__);                                                                        \
    }
#else
#define DISPATCH(NAME, SOURCE_PARAMS, ...)                                                                       \
    void NAME(int kind, SOURCE_PARAMS, long rows, long columns, const long *bins, long count,                     \
              const double *frequencies, double *scratch, double *out) {                                          \
        NAME##_body BODY_ARGS(__VA_ARGS__);                                                                        \
    }
#endif

DEFINE_ROWS(dist_spectral_rows, const double *pairs, pairs[2 * (row + bin)], pairs[2 * (row + bin) + 1])
DEFINE_ROWS(dist_spectral_rows_float, const float *pairs, pairs[2 * (row + bin)], pairs[2 * (row + bin) + 1])
DEFINE_ROWS(dist_spectral_rows_split, const double *re COMMA const double *im, re[row + bin], im[row + bin])
DISPATCH(dist_spectral_rows, const double *pairs, pairs)
DISPATCH(dist_spectral_rows_float, const float *pairs, pairs)
DISPATCH(dist_spectral_rows_split, const double *re COMMA const double *im, re, im)
