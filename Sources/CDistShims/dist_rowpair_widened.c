// Hand-written: hilbert's and envelope's output pass for a float32 chunk in a float64 graph (issue 19). The pair's
// inverse transform is float64 (n·H(a), n·H(b) interleaved); Swift's generic loop over it compiled to scalar code
// (a strided read, a square root a sample): ~20% of a 48 ms envelope. The same expressions as that loop, in the
// same order, as plain loops the compiler vectorises; no fused multiply-adds (contraction off), so the same bits.
// Compiled for AVX-512, AVX2 and the x86-64 baseline, chosen at run time as dist_sliding.c.
#include "dist_rowpair_widened.h"
#include "dist_rowpair_row.h"  // one row's loops, shared with dist_rowpair.c
#include "dist_sliding.h"   // dist_sliding_vector_bits: the level this processor resolves to

#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

DIST_ROWPAIR_ONE_ROW(widened_row, float, double, __builtin_sqrt)

// Part 0 and 1 as constants, so each loop is a plain strided loop.
INLINE void widened_pair(int kind, const float *a, const float *b, const double *w, double scale, double *outA,
                         double *outB, long n) {
    widened_row(kind, a, w, 0, scale, outA, n);
    if (b && outB) widened_row(kind, b, w, 1, scale, outB, n);
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void pair_avx512(int kind, const float *a, const float *b, const double *w,
                                                            double scale, double *outA, double *outB, long n) {
    widened_pair(kind, a, b, w, scale, outA, outB, n);
}
__attribute__((target("avx2"))) static void pair_avx2(int kind, const float *a, const float *b, const double *w,
                                                       double scale, double *outA, double *outB, long n) {
    widened_pair(kind, a, b, w, scale, outA, outB, n);
}
#endif
static void pair_base(int kind, const float *a, const float *b, const double *w, double scale, double *outA,
                      double *outB, long n) {
    widened_pair(kind, a, b, w, scale, outA, outB, n);
}

void dist_rowpair_analytic_widened(int kind, const float *a, const float *b, const double *w, double scale,
                                   double *outA, double *outB, long n, int level) {
#if defined(__x86_64__)
    switch (dist_sliding_vector_bits(level)) {
    case 512: pair_avx512(kind, a, b, w, scale, outA, outB, n); return;
    case 256: pair_avx2(kind, a, b, w, scale, outA, outB, n); return;
    default: break;
    }
#else
    (void)level;
#endif
    pair_base(kind, a, b, w, scale, outA, outB, n);
}
