// Hand-written: the k-means assignment step (Lloyd's iteration) in one pass over the samples. Each sample row is
// read once — widened from float32 into a scratch row that stays in L1/L2 — and, while it is in cache, its dot
// products with every centre (two rows and four centres per pass, `dot_block`), its nearest centre and its addition
// to that centre's sum. The BLAS path it replaces packed the
// whole chunk for a tall, 10-column matrix product every iteration, then read each row again to sum it.
// Compiled for AVX-512, AVX2 and the x86-64 baseline and chosen at run time (as dist_sliding.c); the arithmetic is
// the same, in the same order, at every level.
#include "dist_kmeans.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
#pragma clang diagnostic ignored "-Wpsabi"

#define V 8
typedef double vd __attribute__((vector_size(8 * V)));
typedef float vf __attribute__((vector_size(4 * V)));

#define INLINE static inline __attribute__((always_inline))

INLINE vd load(const double *p) {
    vd v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE double lanes_sum(vd v) {
    // Pairwise, in a fixed order.
    const double a = (v[0] + v[4]) + (v[2] + v[6]), b = (v[1] + v[5]) + (v[3] + v[7]);
    return a + b;
}

// Row i of x as float64: the row itself, or widened into `scratch`.
INLINE const double *row_of(const void *x, int single, long i, long d, double *scratch) {
    if (!single) return (const double *)x + i * d;
    const float *s = (const float *)x + i * d;
    long j = 0;
    for (; j + V <= d; j += V) {
        vf f;
        memcpy(&f, s + j, sizeof f);
        vd v = __builtin_convertvector(f, vd);
        memcpy(scratch + j, &v, sizeof v);
    }
    for (; j < d; ++j) scratch[j] = s[j];
    return scratch;
}

typedef float vs __attribute__((vector_size(4 * 2 * V)));  // 16 floats: one zmm

INLINE vs load_single(const float *p) {
    vs v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE double single_lanes_sum(vs v) {
    double a = 0;
    for (int i = 0; i < 2 * V; ++i) a += (double)v[i];
    return a;
}

// NAME(r0, r1, d, centres, first, m, dots): x·c of two rows (r1 may repeat r0) with the centres first ..< first + m
// (m ≤ 4) into dots[row][q] — a block of 2 × 4 accumulators, so each loaded vector of a row serves four centres and
// each of a centre two rows, and eight independent addition chains hide the adder's latency. Every (row, centre)
// product is summed in the same order whatever the block, so pairing rows does not change a bit. Missing centres
// of the last group read the group's first centre; their products are not used. Written once for both element
// types: `dot_block` (float64, 8 lanes) and `dot_block_single` (float32 arithmetic, 16 lanes, as scikit-learn on
// float32 data; the lanes summed in float64).
#define DOT_BLOCK(NAME, T, VEC, STEP, LOAD, LANES_SUM)                                                                 \
    INLINE void NAME(const T *r0, const T *r1, long d, const T *centres, long first, long m, double dots[2][4]) {     \
        const T *c0 = centres + first * d;                                                                             \
        const T *r[2] = {r0, r1};                                                                                      \
        const T *c[4] = {c0, m > 1 ? c0 + d : c0, m > 2 ? c0 + 2 * d : c0, m > 3 ? c0 + 3 * d : c0};                   \
        VEC a[2][4];                                                                                                   \
        memset(a, 0, sizeof a);                                                                                        \
        long j = 0;                                                                                                    \
        for (; j + (STEP) <= d; j += (STEP)) {                                                                         \
            const VEC u[2] = {LOAD(r[0] + j), LOAD(r[1] + j)};                                                         \
            for (int q = 0; q < 4; ++q) {                                                                              \
                const VEC w = LOAD(c[q] + j);                                                                          \
                for (int p = 0; p < 2; ++p) a[p][q] += u[p] * w;                                                       \
            }                                                                                                          \
        }                                                                                                              \
        for (int p = 0; p < 2; ++p)                                                                                    \
            for (int q = 0; q < 4; ++q) dots[p][q] = LANES_SUM(a[p][q]);                                               \
        for (; j < d; ++j)                                                                                             \
            for (int p = 0; p < 2; ++p)                                                                                \
                for (int q = 0; q < 4; ++q) dots[p][q] += (double)(r[p][j] * c[q][j]);                                 \
    }

DOT_BLOCK(dot_block, double, vd, V, load, lanes_sum)
DOT_BLOCK(dot_block_single, float, vs, 2 * V, load_single, single_lanes_sum)

// `single_centres`: the centres rounded to float32 for float32 arithmetic (x float32 too), else NULL.
INLINE double assign_rows(const void *x, int single, long n, long d, const double *centres, const double *centre_norms,
                          long k, const double *norms, long *labels, double *sums, long *counts, double *scratch,
                          const float *single_centres) {
    double inertia = 0;
    for (long i = 0; i < n; i += 2) {
        const long pair = n - i < 2 ? 1 : 2;
        const double *rows[2];
        rows[0] = row_of(x, single, i, d, scratch);
        rows[1] = pair == 2 ? row_of(x, single, i + 1, d, scratch + d) : rows[0];
        const float *single_rows[2] = {(const float *)x + i * d, (const float *)x + (i + pair - 1) * d};
        double best[2] = {INFINITY, INFINITY};
        long label[2] = {0, 0};
        for (long first = 0; first < k; first += 4) {
            const long m = k - first < 4 ? k - first : 4;
            double dots[2][4];
            if (single_centres) dot_block_single(single_rows[0], single_rows[1], d, single_centres, first, m, dots);
            else dot_block(rows[0], rows[1], d, centres, first, m, dots);
            for (long p = 0; p < pair; ++p)
                for (long q = 0; q < m; ++q) {
                    const double distance = norms[i + p] - 2 * dots[p][q] + centre_norms[first + q];
                    if (distance < best[p]) {
                        best[p] = distance;
                        label[p] = first + q;
                    }
                }
        }
        for (long p = 0; p < pair; ++p) {
            labels[i + p] = label[p];
            inertia += best[p] > 0 ? best[p] : 0;
            if (!sums) continue;
            counts[label[p]] += 1;
            double *s = sums + label[p] * d;
            const double *row = rows[p];
            long j = 0;
            for (; j + V <= d; j += V) {
                vd t = load(s + j) + load(row + j);
                memcpy(s + j, &t, sizeof t);
            }
            for (; j < d; ++j) s[j] += row[j];
        }
    }
    return inertia;
}

#if defined(__x86_64__)
#define TARGETED(NAME, BODY, ...)                                                                                      \
    __attribute__((target("avx512f"))) static double NAME##_avx512(__VA_ARGS__) { BODY; }                            \
    __attribute__((target("avx2"))) static double NAME##_avx2(__VA_ARGS__) { BODY; }                                 \
    static double NAME##_base(__VA_ARGS__) { BODY; }
static int vector_bits(int level) {
    __builtin_cpu_init();  // idempotent
    if (level <= 0 && __builtin_cpu_supports("avx512f")) return 512;
    if (level <= 1 && __builtin_cpu_supports("avx2")) return 256;
    return 128;
}
#else
#define TARGETED(NAME, BODY, ...) static double NAME##_base(__VA_ARGS__) { BODY; }
#endif

TARGETED(assign, return assign_rows(x, s, n, d, c, cn, k, no, l, su, co, w, f), const void *x, int s, long n, long d,
         const double *c, const double *cn, long k, const double *no, long *l, double *su, long *co, double *w,
         const float *f)

double dist_kmeans_assign(const void *x, int x_single, long n, long d, const double *centres,
                          const double *centre_norms, long k, const double *norms, long *labels, double *sums,
                          long *counts, int single_arithmetic, int level) {
    double *scratch = x_single ? malloc((size_t)(d > 0 ? 2 * d : 2) * sizeof(double)) : NULL;
    float *f = NULL;
    if (x_single && single_arithmetic) {
        f = malloc((size_t)(k * d > 0 ? k * d : 1) * sizeof(float));
        for (long i = 0; i < k * d; ++i) f[i] = (float)centres[i];
    }
    double inertia;
#if defined(__x86_64__)
    switch (vector_bits(level)) {
    case 512:
        inertia = assign_avx512(x, x_single, n, d, centres, centre_norms, k, norms, labels, sums, counts, scratch, f);
        break;
    case 256:
        inertia = assign_avx2(x, x_single, n, d, centres, centre_norms, k, norms, labels, sums, counts, scratch, f);
        break;
    default:
        inertia = assign_base(x, x_single, n, d, centres, centre_norms, k, norms, labels, sums, counts, scratch, f);
    }
#else
    (void)level;
    inertia = assign_base(x, x_single, n, d, centres, centre_norms, k, norms, labels, sums, counts, scratch, f);
#endif
    free(scratch);
    free(f);
    return inertia;
}

double dist_kmeans_total_variance(const void *x, int x_single, long n, long d) {
    if (n <= 0 || d <= 0) return 0;
    double *mean = calloc((size_t)d, sizeof(double)), *squares = calloc((size_t)d, sizeof(double));
    const double *xd = x;
    const float *xf = x;
    // Row by row (each feature's sums still in sample order): a column at a time would stride through the whole
    // chunk once per feature.
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < d; ++j) mean[j] += x_single ? (double)xf[i * d + j] : xd[i * d + j];
    for (long j = 0; j < d; ++j) mean[j] /= (double)n;
    for (long i = 0; i < n; ++i)
        for (long j = 0; j < d; ++j) {
            const double deviation = (x_single ? (double)xf[i * d + j] : xd[i * d + j]) - mean[j];
            squares[j] += deviation * deviation;
        }
    double variance = 0;
    for (long j = 0; j < d; ++j) variance += squares[j] / (double)n;
    free(mean);
    free(squares);
    return variance;
}
