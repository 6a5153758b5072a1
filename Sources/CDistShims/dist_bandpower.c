// The band powers of the noise log (rms_from_fft, te_from_fft, multiple_calcs) read straight from the packed
// complex transform of two real rows, while it is in cache: the engine's fused spectrum + band energies kernel
// (DistSwiftNative's SpectrumBandPowerKernels) never writes the chunk's one-sided spectrum (40 MB for a
// 1000 × 10,000 float32 chunk) nor reads it back once per band command. Plain loops that the compiler vectorises,
// compiled for AVX2 and for the x86-64 baseline and chosen at run time; no contraction and explicit partial sums,
// so both give the same bits.
#include "dist_bandpower.h"
#include "dist_dispatch.h"  // dist_has_avx2

#pragma clang fp contract(off)

// Σ over interior bins lo ≤ k < hi (0 < k, m − k ≠ k) of |2A_k|² and |2B_k|²: (zr + wr)² + (zi − wi)² and
// (zi + wi)² + (wr − zr)² with w = Z_{m−k}, widened to float64 before the sums. Four bins at a time in vectors of
// four doubles (two bins each: re, im, re, im): w's bins come from the mirrored block, their pairs reversed; the
// vector lanes and the tail's scalar sums are added in a fixed order, so SSE2 and AVX2 code give the same bits.
typedef float f8 __attribute__((vector_size(32), aligned(4)));
typedef float f4 __attribute__((vector_size(16)));
typedef double d4 __attribute__((vector_size(32)));

static inline void bin_sums(double zr, double zi, double wr, double wi, double *a, double *b) {
    const double ar = zr + wr, ai = zi - wi, br = zi + wi, bi = wr - zr;
    *a += ar * ar + ai * ai;
    *b += br * br + bi * bi;
}

#define INTERIOR_SUMS(T, WIDEN)                                                                                    \
    __attribute__((always_inline)) static inline void interior_##T(const T *restrict z, long m, long lo, long hi,  \
                                                                    double *sa, double *sb) {                      \
        d4 accA = {0, 0, 0, 0}, accB = {0, 0, 0, 0};                                                               \
        long k = lo;                                                                                               \
        for (; k + 4 <= hi; k += 4) {                                                                              \
            d4 z0, z1, w0, w1;                                                                                     \
            WIDEN(z + 2 * k, z + 2 * (m - k - 3), z0, z1, w0, w1)                                                  \
            const d4 s0 = z0 + w0, d0 = z0 - w0, s1 = z1 + w1, d1 = z1 - w1;                                      \
            const d4 ss0 = s0 * s0, dd0 = d0 * d0, ss1 = s1 * s1, dd1 = d1 * d1;                                   \
            accA += __builtin_shufflevector(ss0, dd0, 0, 5, 2, 7) + __builtin_shufflevector(ss1, dd1, 0, 5, 2, 7); \
            accB += __builtin_shufflevector(dd0, ss0, 0, 5, 2, 7) + __builtin_shufflevector(dd1, ss1, 0, 5, 2, 7); \
        }                                                                                                          \
        double ta = 0, tb = 0;                                                                                     \
        for (; k < hi; k++) {                                                                                      \
            const long j = m - k;                                                                                  \
            bin_sums(z[2 * k], z[2 * k + 1], z[2 * j], z[2 * j + 1], &ta, &tb);                                    \
        }                                                                                                          \
        *sa = ((accA[0] + accA[1]) + (accA[2] + accA[3])) + ta;                                                    \
        *sb = ((accB[0] + accB[1]) + (accB[2] + accB[3])) + tb;                                                    \
    }

// Bins k … k + 3 at zk and their mirrors m − k − 3 … m − k at wk, as (re, im) pairs of doubles: z0 = bins k, k + 1,
// z1 = k + 2, k + 3, and w0, w1 the mirrors in the same order (m − k, m − k − 1, then m − k − 2, m − k − 3).
#define WIDEN_FLOAT(zk, wk, z0, z1, w0, w1)                                                                        \
    {                                                                                                              \
        const f8 zv = *(const f8 *)(zk), wv = *(const f8 *)(wk);                                                   \
        z0 = __builtin_convertvector(__builtin_shufflevector(zv, zv, 0, 1, 2, 3), d4);                             \
        z1 = __builtin_convertvector(__builtin_shufflevector(zv, zv, 4, 5, 6, 7), d4);                             \
        w0 = __builtin_convertvector(__builtin_shufflevector(wv, wv, 6, 7, 4, 5), d4);                             \
        w1 = __builtin_convertvector(__builtin_shufflevector(wv, wv, 2, 3, 0, 1), d4);                             \
    }
typedef double d4u __attribute__((vector_size(32), aligned(8)));
#define WIDEN_DOUBLE(zk, wk, z0, z1, w0, w1)                                                                       \
    {                                                                                                              \
        z0 = *(const d4u *)(zk);                                                                                   \
        z1 = *(const d4u *)((zk) + 4);                                                                             \
        const d4 wa = *(const d4u *)(wk), wb = *(const d4u *)((wk) + 4);                                           \
        w0 = __builtin_shufflevector(wb, wb, 2, 3, 0, 1);                                                          \
        w1 = __builtin_shufflevector(wa, wa, 2, 3, 0, 1);                                                          \
    }

// One segment: the interior bins weigh 2 · |2X_k|² / 4; DC and an even m's Nyquist bin (Z_k = conj Z_{m−k} there
// for a real row's part: A_k = Re Z_k, B_k = Im Z_k) weigh 1.
#define PAIR_POWERS(T)                                                                                             \
    __attribute__((always_inline)) static inline void pair_##T(const T *z, long m, const long *edges, long nedges, double *outA, double *outB) {   \
        const long nyquist = m % 2 == 0 ? m / 2 : -1;                                                              \
        for (long s = 0; s + 1 < nedges; s++) {                                                                    \
            long lo = edges[s], hi = edges[s + 1];                                                                 \
            double pa = 0, pb = 0;                                                                                 \
            if (lo == 0 && hi > 0) {                                                                               \
                pa += (double)z[0] * (double)z[0];                                                                 \
                pb += (double)z[1] * (double)z[1];                                                                 \
                lo = 1;                                                                                            \
            }                                                                                                      \
            double na = 0, nb = 0;                                                                                 \
            if (nyquist >= lo && nyquist < hi) {                                                                   \
                na = (double)z[2 * nyquist] * (double)z[2 * nyquist];                                              \
                nb = (double)z[2 * nyquist + 1] * (double)z[2 * nyquist + 1];                                      \
                hi = nyquist;                                                                                      \
            }                                                                                                      \
            double sa = 0, sb = 0;                                                                                 \
            if (lo < hi) interior_##T(z, m, lo, hi, &sa, &sb);                                                     \
            outA[s] = pa + 0.5 * sa + na;                                                                          \
            if (outB) outB[s] = pb + 0.5 * sb + nb;                                                                \
        }                                                                                                          \
    }

INTERIOR_SUMS(float, WIDEN_FLOAT)
INTERIOR_SUMS(double, WIDEN_DOUBLE)
PAIR_POWERS(float)
PAIR_POWERS(double)

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
AVX2 static void pair_float_avx2(const float *z, long m, const long *edges, long nedges, double *outA, double *outB) {
    pair_float(z, m, edges, nedges, outA, outB);
}
AVX2 static void pair_double_avx2(const double *z, long m, const long *edges, long nedges, double *outA,
                                  double *outB) {
    pair_double(z, m, edges, nedges, outA, outB);
}
#else
#define pair_float_avx2 pair_float
#define pair_double_avx2 pair_double
#endif

void dist_bandpower_pair_float(const float *z, long m, const long *edges, long nedges, double *outA, double *outB) {
    if (dist_has_avx2()) pair_float_avx2(z, m, edges, nedges, outA, outB);
    else pair_float(z, m, edges, nedges, outA, outB);
}

void dist_bandpower_pair_double(const double *z, long m, const long *edges, long nedges, double *outA,
                                double *outB) {
    if (dist_has_avx2()) pair_double_avx2(z, m, edges, nedges, outA, outB);
    else pair_double(z, m, edges, nedges, outA, outB);
}
