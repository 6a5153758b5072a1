// Hand-written: the interior of a short FIR correlation along every row (savgol_filter's and gaussian_filter's
// smoothing along time), and the same along the columns (gaussian_filter along distance), in C so that it runs in AVX-512 or AVX2 lanes (Swift compiles for the x86-64 baseline)
// straight from the chunk's rows into the output: no per-row copies. A block of outputs is a set of vector
// accumulators kept in registers while every tap adds its shifted run of the row — each output still sums its
// terms from zero in tap order, with no fused multiply-adds, so every vector width gives the plain loop's bits.
#include "dist_row_fir.h"

#pragma STDC FP_CONTRACT OFF

#define BLOCK 64

#define CORRELATE(NAME, TX, TO)                                                                                        \
    static inline __attribute__((always_inline)) void NAME(const TX *x, TO *out, long rows, long n, const TO *w,      \
                                                           long ntaps, long first) {                                   \
        long count = n - ntaps + 1;                                                                                    \
        for (long r = 0; r < rows; r++) {                                                                              \
            const TX *row = x + r * n;                                                                                 \
            for (long j = 0; j < (count > 0 ? first : n); j++) out[r * n + j] = 0;                                     \
            for (long j = first + count; count > 0 && j < n; j++) out[r * n + j] = 0;                                  \
            TO *y = out + r * n + first;                                                                               \
            long j0 = 0;                                                                                               \
            for (; j0 + BLOCK <= count; j0 += BLOCK) {                                                                 \
                TO acc[BLOCK] = {0};                                                                                   \
                for (long k = 0; k < ntaps; k++) {                                                                     \
                    const TO wk = w[k];                                                                                \
                    const TX *s = row + j0 + k;                                                                        \
                    for (int i = 0; i < BLOCK; i++) acc[i] += wk * (TO)s[i];                                           \
                }                                                                                                      \
                for (int i = 0; i < BLOCK; i++) y[j0 + i] = acc[i];                                                    \
            }                                                                                                          \
            for (long j = j0; j < count; j++) {                                                                        \
                TO sum = 0;                                                                                            \
                for (long k = 0; k < ntaps; k++) sum += w[k] * (TO)row[j + k];                                         \
                y[j] = sum;                                                                                            \
            }                                                                                                          \
        }                                                                                                              \
    }

CORRELATE(ff, float, float)
CORRELATE(fd, float, double)
CORRELATE(df, double, float)
CORRELATE(dd, double, double)

static inline __attribute__((always_inline)) void correlate(const void *x, int xs, void *out, int os, long rows,
                                                            long n, const double *weights, long ntaps, long first,
                                                            const float *single_weights) {
    if (xs && os) ff(x, out, rows, n, single_weights, ntaps, first);
    else if (xs) fd(x, out, rows, n, weights, ntaps, first);
    else if (os) df(x, out, rows, n, single_weights, ntaps, first);
    else dd(x, out, rows, n, weights, ntaps, first);
}

#define ARGS                                                                                                           \
    const void *x, int xs, void *out, int os, long rows, long n, const double *weights, long ntaps, long first,        \
        const float *single_weights
#define PASS x, xs, out, os, rows, n, weights, ntaps, first, single_weights

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void correlate_avx512(ARGS) { correlate(PASS); }
__attribute__((target("avx2"))) static void correlate_avx2(ARGS) { correlate(PASS); }
#endif
static void correlate_base(ARGS) { correlate(PASS); }

void dist_correlate_rows_interior(const void *x, int x_single, void *out, int out_single, long rows, long n,
                                  const double *weights, long ntaps, long first) {
    if (rows <= 0 || ntaps <= 0) return;
    float single_weights[ntaps];
    for (long k = 0; k < ntaps; k++) single_weights[k] = (float)weights[k];
    int xs = x_single, os = out_single;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { correlate_avx512(PASS); return; }
    if (__builtin_cpu_supports("avx2")) { correlate_avx2(PASS); return; }
#endif
    correlate_base(PASS);
}

// Along the columns: each output row a weighted sum of whole input rows, a block of columns at a time in vector
// accumulators (one pass over the output instead of one read-modify-write pass per tap).
static inline __attribute__((always_inline)) void combine(const double *x, double *out, long rows, long n,
                                                          const double *w, long ntaps, const long *sources) {
    for (long i = 0; i < rows; i++) {
        const long *src = sources + i * ntaps;
        double *y = out + i * n;
        long j0 = 0;
        for (; j0 + BLOCK <= n; j0 += BLOCK) {
            double acc[BLOCK] = {0};
            for (long a = 0; a < ntaps; a++) {
                if (src[a] < 0 || w[a] == 0) continue;
                const double wa = w[a], *s = x + src[a] * n + j0;
                for (int l = 0; l < BLOCK; l++) acc[l] += wa * s[l];
            }
            for (int l = 0; l < BLOCK; l++) y[j0 + l] = acc[l];
        }
        for (long j = j0; j < n; j++) {
            double sum = 0;
            for (long a = 0; a < ntaps; a++)
                if (src[a] >= 0 && w[a] != 0) sum += w[a] * x[src[a] * n + j];
            y[j] = sum;
        }
    }
}

#define CARGS const double *x, double *out, long rows, long n, const double *w, long ntaps, const long *sources
#define CPASS x, out, rows, n, w, ntaps, sources

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void combine_avx512(CARGS) { combine(CPASS); }
__attribute__((target("avx2"))) static void combine_avx2(CARGS) { combine(CPASS); }
#endif
static void combine_base(CARGS) { combine(CPASS); }

void dist_combine_rows(const double *x, double *out, long rows, long n, const double *weights, long ntaps,
                       const long *sources) {
    if (rows <= 0 || n <= 0) return;
    const double *w = weights;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { combine_avx512(CPASS); return; }
    if (__builtin_cpu_supports("avx2")) { combine_avx2(CPASS); return; }
#endif
    combine_base(CPASS);
}
