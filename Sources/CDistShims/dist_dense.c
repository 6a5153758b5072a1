// Hand-written: a Dense layer's product X · W for a tall X (a chunk of 1000 × 10,000 samples) and a narrow W
// (10,000 × 16 weights): Keras's first layer, nearly all of `keras`'s work. BLAS (gemm) packs X into blocks before
// multiplying — a pass over the 40–80 MB chunk that costs more than the 16-column product itself. Here X is read
// once, in place: eight rows at a time, each weight row (units values, in L2: 640 KB) loaded once per eight samples,
// every sample value broadcast against it into per-row vector accumulators (fused multiply-adds, over j in order).
// Compiled for AVX-512, AVX2 and the x86-64 baseline and chosen at run time (as dist_sliding.c); the same chain of
// fused multiply-adds at every level, so every level gives the same bits.
#include "dist_dense.h"

#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))
#define ROWS 8  // samples per pass: eight independent accumulator chains hide the multiply-add latency

typedef double vd __attribute__((vector_size(64)));  // 8 doubles
typedef float vs __attribute__((vector_size(64)));   // 16 floats

// PRODUCT(NAME, T, VT, LANES, X_T): out = x · w for element type T (vectors VT of LANES), x rows of X_T values.
// `wp` is w with its rows padded to `width` (a multiple of LANES, zeros beyond `units`), so every vector load of a
// weight row is whole; units are taken two vectors at a time (32 floats or 16 doubles: Keras's usual widths in one
// pass over x).
#define PRODUCT(NAME, T, VT, LANES, X_T)                                                                               \
    INLINE void NAME(const X_T *x, long rows, long k, const T *wp, long width, long units, T *out) {                  \
        for (long r0 = 0; r0 < rows; r0 += ROWS) {                                                                     \
            const X_T *row[ROWS];                                                                                      \
            for (int p = 0; p < ROWS; ++p) row[p] = x + (r0 + p < rows ? r0 + p : rows - 1) * k;                       \
            for (long u0 = 0; u0 < width; u0 += 2 * LANES) {                                                           \
                const int two = u0 + LANES < width;                                                                    \
                VT acc[ROWS][2];                                                                                       \
                memset(acc, 0, sizeof acc);                                                                            \
                for (long j = 0; j < k; ++j) {                                                                         \
                    VT w0, w1 = {0};                                                                                   \
                    memcpy(&w0, wp + j * width + u0, sizeof w0);                                                       \
                    if (two) memcpy(&w1, wp + j * width + u0 + LANES, sizeof w1);                                      \
                    for (int p = 0; p < ROWS; ++p) {                                                                   \
                        const VT s = (VT){0} + (T)row[p][j];                                                           \
                        acc[p][0] = __builtin_elementwise_fma(s, w0, acc[p][0]);                                       \
                        if (two) acc[p][1] = __builtin_elementwise_fma(s, w1, acc[p][1]);                              \
                    }                                                                                                  \
                }                                                                                                      \
                for (int p = 0; p < ROWS && r0 + p < rows; ++p)                                                        \
                    for (long u = u0; u < u0 + 2 * LANES && u < units; ++u)                                            \
                        out[(r0 + p) * units + u] = acc[p][(u - u0) / LANES][(u - u0) % LANES];                        \
            }                                                                                                          \
        }                                                                                                              \
    }

PRODUCT(product_single, float, vs, 16, float)
PRODUCT(product_widened, double, vd, 8, float)
PRODUCT(product_double, double, vd, 8, double)

INLINE void product(const void *x, int x_single, long rows, long k, const void *wp, long width, long units,
                    void *out, int single) {
    if (single) product_single(x, rows, k, wp, width, units, out);
    else if (x_single) product_widened(x, rows, k, wp, width, units, out);
    else product_double(x, rows, k, wp, width, units, out);
}

#if defined(__x86_64__)
static int best_level(int level) {
    __builtin_cpu_init();
    if (level <= 0 && __builtin_cpu_supports("avx512f")) return 512;
    if (level <= 1 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 256;
    return 128;
}
__attribute__((target("avx512f"))) static void product_avx512(const void *x, int xs, long rows, long k,
                                                               const void *wp, long width, long units, void *out,
                                                               int single) {
    product(x, xs, rows, k, wp, width, units, out, single);
}
__attribute__((target("avx2,fma"))) static void product_avx2(const void *x, int xs, long rows, long k,
                                                              const void *wp, long width, long units, void *out,
                                                              int single) {
    product(x, xs, rows, k, wp, width, units, out, single);
}
#endif

void dist_dense_product(const void *x, int x_single, long rows, long k, const void *w, long units, void *out,
                        int single, int level) {
    if (rows <= 0 || units <= 0) return;
    const long lanes = single ? 16 : 8, width = (units + lanes - 1) / lanes * lanes;
    const size_t size = single ? sizeof(float) : sizeof(double);
    // The weights with each row padded to whole vectors (k × width: 640 KB for 10,000 × 16 floats).
    char *wp = calloc((size_t)(k * width) + 1, size);
    for (long j = 0; j < k; ++j) memcpy(wp + (size_t)(j * width) * size, (const char *)w + (size_t)(j * units) * size,
                                        (size_t)units * size);
    if (k <= 0) {
        memset(out, 0, (size_t)(rows * units) * size);
    } else {
#if defined(__x86_64__)
        switch (best_level(level)) {
        case 512: product_avx512(x, x_single, rows, k, wp, width, units, out, single); break;
        case 256: product_avx2(x, x_single, rows, k, wp, width, units, out, single); break;
        default: product(x, x_single, rows, k, wp, width, units, out, single); break;
        }
#else
        (void)level;
        product(x, x_single, rows, k, wp, width, units, out, single);
#endif
    }
    free(wp);
}
