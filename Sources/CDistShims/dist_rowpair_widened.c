// Hand-written: hilbert's, envelope's and phase_weighted_stack's output pass for a float32 chunk in a float64 graph
// (issue 19). The pair's
// inverse transform is float64 (n·H(a), n·H(b) interleaved); Swift's generic loop over it compiled to scalar code
// (a strided read, a square root a sample): ~20% of a 48 ms envelope; a phase-weighted stack wrote the chunk's
// H(x) and a widened copy of x (160 MB) and read them back for its sums, which are now taken from each pair's
// transform while it is in cache, as the float32 path does (dist_rowpair_phasor_sums). The same expressions as that loop, in the
// same order, as plain loops the compiler vectorises; no fused multiply-adds (contraction off), so the same bits.
// Compiled for AVX-512, AVX2 and the x86-64 baseline, chosen at run time as dist_sliding.c.
#include "dist_rowpair_widened.h"
#include "dist_rowpair_row.h"  // one row's loops, shared with dist_rowpair.c
#include "dist_dispatch.h"  // DISPATCH: the vector level this processor resolves to

#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

DIST_ROWPAIR_ONE_ROW(widened_row, float, double, __builtin_sqrt)

DIST_ROWPAIR_PHASOR_ROW(widened_phasor_row, double)

// Part 0 and 1 as constants, so each loop is a plain strided loop.
INLINE void widened_pair(int kind, const float *a, const float *b, const double *w, double scale, double *outA,
                         double *outB, long n) {
    widened_row(kind, a, w, 0, scale, outA, n);
    if (b && outB) widened_row(kind, b, w, 1, scale, outB, n);
}

INLINE void widened_phasors(const float *a, const float *b, const double *w, double scale, double *values,
                            double *phasorRe, double *phasorIm, long n) {
    widened_phasor_row(a, w, 0, scale, values, phasorRe, phasorIm, n);
    if (b) widened_phasor_row(b, w, 1, scale, values, phasorRe, phasorIm, n);
}

// NAME_avx512, NAME_avx2 and NAME_base: BODY compiled for each level, and DISPATCH(LEVEL, NAME, args) calling the one
// the level resolves to on this processor.
#if defined(__x86_64__)
#define TARGETED(NAME, BODY, ...)                                                                                      \
    __attribute__((target("avx512f"))) static void NAME##_avx512(__VA_ARGS__) { BODY; }                             \
    __attribute__((target("avx2"))) static void NAME##_avx2(__VA_ARGS__) { BODY; }                                  \
    static void NAME##_base(__VA_ARGS__) { BODY; }
#else
#define TARGETED(NAME, BODY, ...) static void NAME##_base(__VA_ARGS__) { BODY; }
#endif

TARGETED(pair, widened_pair(kind, a, b, w, scale, outA, outB, n), int kind, const float *a, const float *b,
         const double *w, double scale, double *outA, double *outB, long n)
TARGETED(phasors, widened_phasors(a, b, w, scale, values, phasorRe, phasorIm, n), const float *a, const float *b,
         const double *w, double scale, double *values, double *phasorRe, double *phasorIm, long n)

void dist_rowpair_analytic_widened(int kind, const float *a, const float *b, const double *w, double scale,
                                   double *outA, double *outB, long n, int level) {
    DISPATCH(level, pair, kind, a, b, w, scale, outA, outB, n)
}

void dist_rowpair_phasor_sums_widened(const float *a, const float *b, const double *w, double scale, double *values,
                                      double *phasorRe, double *phasorIm, long n, int level) {
    DISPATCH(level, phasors, a, b, w, scale, values, phasorRe, phasorIm, n)
}
