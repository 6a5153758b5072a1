// The element passes of the paired row transforms (DistSwiftNative's RowSpectrumKernels): packing two float32 rows
// as one complex row, and writing the Hilbert transform, the analytic signal or the envelope (a square root per
// sample) of both rows from the inverse transform while it is in cache. Plain loops that the compiler vectorises,
// compiled for AVX2 and for the x86-64 baseline and chosen at run time (Swift's own loops here compiled to scalar
// SSE: 10^7 scalar square roots were ~6 ms of a 30 ms envelope). No fused multiply-adds (contraction off): the
// same bits on every processor, and the same as the Swift loops they replace.
#include "dist_rowpair.h"

#pragma clang fp contract(off)

static inline void pack_body(const float *restrict a, const float *restrict b, float *restrict packed, long n) {
    if (b) {
        for (long t = 0; t < n; t++) {
            packed[2 * t] = a[t];
            packed[2 * t + 1] = b[t];
        }
    } else {
        for (long t = 0; t < n; t++) {
            packed[2 * t] = a[t];
            packed[2 * t + 1] = 0;
        }
    }
}

static inline void one_row(int kind, const float *restrict x, const float *restrict w, long part, float scale,
                           float *restrict out, long n) {
    switch (kind) {
    case DIST_ROWPAIR_HILBERT:
        for (long t = 0; t < n; t++) out[t] = w[2 * t + part] * scale;
        break;
    case DIST_ROWPAIR_ANALYTIC:
        for (long t = 0; t < n; t++) {
            out[2 * t] = x[t];
            out[2 * t + 1] = w[2 * t + part] * scale;
        }
        break;
    default:
        for (long t = 0; t < n; t++) {
            const float re = x[t], im = w[2 * t + part] * scale;
            out[t] = __builtin_sqrtf(re * re + im * im);
        }
    }
}

static inline void analytic_body(int kind, const float *restrict a, const float *restrict b,
                                 const float *restrict w, float scale, float *restrict outA, float *restrict outB,
                                 long n) {
    // Both parts are read in one pass each; part 0 and 1 as constants, so each loop is a plain strided loop.
    one_row(kind, a, w, 0, scale, outA, n);
    if (b && outB) one_row(kind, b, w, 1, scale, outB, n);
}

static inline void split_body(const float *restrict w, float scale, float *restrict outA, float *restrict outB,
                              long n) {
    if (outB) {
        for (long t = 0; t < n; t++) {
            outA[t] = w[2 * t] * scale;
            outB[t] = w[2 * t + 1] * scale;
        }
    } else {
        for (long t = 0; t < n; t++) outA[t] = w[2 * t] * scale;
    }
}

static inline void phasor_row(const float *restrict x, const float *restrict w, long part, float scale,
                              double *restrict values, double *restrict phasorRe, double *restrict phasorIm, long n) {
    for (long t = 0; t < n; t++) {
        const double re = x[t], im = (float)(w[2 * t + part] * scale);
        values[t] += re;
        const double d = __builtin_sqrt(re * re + im * im);
        const double reciprocal = 1 / (__DBL_EPSILON__ >= d ? __DBL_EPSILON__ : d);  // Swift's max(d, ε)
        phasorRe[t] += re * reciprocal;
        phasorIm[t] += im * reciprocal;
    }
}

static inline void phasor_body(const float *restrict a, const float *restrict b, const float *restrict w,
                               float scale, double *restrict values, double *restrict phasorRe,
                               double *restrict phasorIm, long n) {
    phasor_row(a, w, 0, scale, values, phasorRe, phasorIm, n);
    if (b) phasor_row(b, w, 1, scale, values, phasorRe, phasorIm, n);
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
AVX2 static void pack_avx2(const float *a, const float *b, float *packed, long n) { pack_body(a, b, packed, n); }
AVX2 static void analytic_avx2(int kind, const float *a, const float *b, const float *w, float scale, float *outA,
                               float *outB, long n) {
    analytic_body(kind, a, b, w, scale, outA, outB, n);
}
AVX2 static void split_avx2(const float *w, float scale, float *outA, float *outB, long n) {
    split_body(w, scale, outA, outB, n);
}
AVX2 static void phasor_avx2(const float *a, const float *b, const float *w, float scale, double *values,
                             double *phasorRe, double *phasorIm, long n) {
    phasor_body(a, b, w, scale, values, phasorRe, phasorIm, n);
}
static int has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#else
AVX2 static void phasor_avx2(const float *a, const float *b, const float *w, float scale, double *values,
                             double *phasorRe, double *phasorIm, long n) {
    phasor_body(a, b, w, scale, values, phasorRe, phasorIm, n);
}
static int has_avx2(void) { return 0; }
#define pack_avx2 pack_body
#define analytic_avx2 analytic_body
#define split_avx2 split_body
#define phasor_avx2 phasor_body
#endif

void dist_rowpair_pack(const float *a, const float *b, float *packed, long n) {
    if (has_avx2()) pack_avx2(a, b, packed, n);
    else pack_body(a, b, packed, n);
}

void dist_rowpair_analytic(int kind, const float *a, const float *b, const float *w, float scale, float *outA,
                           float *outB, long n) {
    if (has_avx2()) analytic_avx2(kind, a, b, w, scale, outA, outB, n);
    else analytic_body(kind, a, b, w, scale, outA, outB, n);
}

void dist_rowpair_split(const float *w, float scale, float *outA, float *outB, long n) {
    if (has_avx2()) split_avx2(w, scale, outA, outB, n);
    else split_body(w, scale, outA, outB, n);
}

void dist_rowpair_phasor_sums(const float *a, const float *b, const float *w, float scale, double *values,
                              double *phasorRe, double *phasorIm, long n) {
    if (has_avx2()) phasor_avx2(a, b, w, scale, values, phasorRe, phasorIm, n);
    else phasor_body(a, b, w, scale, values, phasorRe, phasorIm, n);
}
