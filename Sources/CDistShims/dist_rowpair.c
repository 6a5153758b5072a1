// The element passes of the paired row transforms (DistSwiftNative's RowSpectrumKernels): packing two float32 rows
// as one complex row, and writing the Hilbert transform, the analytic signal or the envelope (a square root per
// sample) of both rows from the inverse transform while it is in cache. Plain loops that the compiler vectorises,
// compiled for AVX2 and for the x86-64 baseline and chosen at run time (Swift's own loops here compiled to scalar
// SSE: 10^7 scalar square roots were ~6 ms of a 30 ms envelope). No fused multiply-adds (contraction off): the
// same bits on every processor, and the same as the Swift loops they replace.
#include "dist_rowpair.h"
#include "dist_dispatch.h"  // dist_has_avx2
#include "dist_rowpair_row.h"

#pragma clang fp contract(off)

// The pack into float32 (`pack_body`) or float64 (`pack_widening_body`: a float32 chunk computed in float64, widened
// as it is read).
#define PACK_BODY(NAME, OUT)                                                                                       \
    static inline void NAME(const float *restrict a, const float *restrict b, OUT *restrict packed, long n) {      \
        if (b) {                                                                                                   \
            for (long t = 0; t < n; t++) {                                                                         \
                packed[2 * t] = a[t];                                                                              \
                packed[2 * t + 1] = b[t];                                                                          \
            }                                                                                                      \
        } else {                                                                                                   \
            for (long t = 0; t < n; t++) {                                                                         \
                packed[2 * t] = a[t];                                                                              \
                packed[2 * t + 1] = 0;                                                                             \
            }                                                                                                      \
        }                                                                                                          \
    }
PACK_BODY(pack_body, float)
PACK_BODY(pack_widening_body, double)

DIST_ROWPAIR_ONE_ROW(one_row, float, float, __builtin_sqrtf)

static inline void analytic_body(int kind, const float *restrict a, const float *restrict b,
                                 const float *restrict w, float scale, float *restrict outA, float *restrict outB,
                                 long n) {
    // Both parts are read in one pass each; part 0 and 1 as constants, so each loop is a plain strided loop.
    one_row(kind, a, w, 0, scale, outA, n);
    if (b && outB) one_row(kind, b, w, 1, scale, outB, n);
}

#define SPLIT_BODY(NAME, T)                                                                                        \
    static inline void NAME(const T *restrict w, T scale, T *restrict outA, T *restrict outB, long n) {            \
        if (outB) {                                                                                                \
            for (long t = 0; t < n; t++) {                                                                         \
                outA[t] = w[2 * t] * scale;                                                                        \
                outB[t] = w[2 * t + 1] * scale;                                                                    \
            }                                                                                                      \
        } else {                                                                                                   \
            for (long t = 0; t < n; t++) outA[t] = w[2 * t] * scale;                                               \
        }                                                                                                          \
    }
SPLIT_BODY(split_body, float)
SPLIT_BODY(split_double_body, double)

DIST_ROWPAIR_PHASOR_ROW(phasor_row, float)

static inline void phasor_body(const float *restrict a, const float *restrict b, const float *restrict w,
                               float scale, double *restrict values, double *restrict phasorRe,
                               double *restrict phasorIm, long n) {
    phasor_row(a, w, 0, scale, values, phasorRe, phasorIm, n);
    if (b) phasor_row(b, w, 1, scale, values, phasorRe, phasorIm, n);
}

static inline void segments_body(const float *restrict x, const long *restrict starts, long count, long length,
                                 const double *restrict window, int detrend, long nfft, float *restrict packed) {
    for (long first = 0; first < count; first += 4) {
        const long group = count - first < 4 ? count - first : 4;
        double mean[4] = {0, 0, 0, 0};
        if (detrend) {
            const float *s0 = x + starts[first], *s1 = x + starts[first + (group > 1)],
                        *s2 = x + starts[first + (group > 2 ? 2 : 0)], *s3 = x + starts[first + (group > 3 ? 3 : 0)];
            double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
            for (long i = 0; i < length; i++) {
                sum0 += s0[i];
                sum1 += s1[i];
                sum2 += s2[i];
                sum3 += s3[i];
            }
            const double sums[4] = {sum0, sum1, sum2, sum3};
            for (long g = 0; g < group; g++) mean[g] = sums[g] / (double)length;
        }
        for (long g = 0; g < group; g++) {
            const long s = first + g;
            const float *segment = x + starts[s];
            float *target = packed + 2 * nfft * (s / 2) + (s % 2);
            const double m = mean[g];
            for (long i = 0; i < length; i++) target[2 * i] = (float)(((double)segment[i] - m) * window[i]);
            for (long i = length; i < nfft; i++) target[2 * i] = 0;
        }
    }
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
AVX2 static void pack_avx2(const float *a, const float *b, float *packed, long n) { pack_body(a, b, packed, n); }
AVX2 static void pack_widening_avx2(const float *a, const float *b, double *packed, long n) {
    pack_widening_body(a, b, packed, n);
}
AVX2 static void analytic_avx2(int kind, const float *a, const float *b, const float *w, float scale, float *outA,
                               float *outB, long n) {
    analytic_body(kind, a, b, w, scale, outA, outB, n);
}
AVX2 static void split_avx2(const float *w, float scale, float *outA, float *outB, long n) {
    split_body(w, scale, outA, outB, n);
}
AVX2 static void split_double_avx2(const double *w, double scale, double *outA, double *outB, long n) {
    split_double_body(w, scale, outA, outB, n);
}
AVX2 static void phasor_avx2(const float *a, const float *b, const float *w, float scale, double *values,
                             double *phasorRe, double *phasorIm, long n) {
    phasor_body(a, b, w, scale, values, phasorRe, phasorIm, n);
}
AVX2 static void segments_avx2(const float *x, const long *starts, long count, long length, const double *window,
                               int detrend, long nfft, float *packed) {
    segments_body(x, starts, count, length, window, detrend, nfft, packed);
}
#else
#define pack_avx2 pack_body
#define pack_widening_avx2 pack_widening_body
#define split_double_avx2 split_double_body
#define analytic_avx2 analytic_body
#define split_avx2 split_body
#define phasor_avx2 phasor_body
#define segments_avx2 segments_body
#endif

void dist_rowpair_pack(const float *a, const float *b, float *packed, long n) {
    if (dist_has_avx2()) pack_avx2(a, b, packed, n);
    else pack_body(a, b, packed, n);
}

void dist_rowpair_pack_widening(const float *a, const float *b, double *packed, long n) {
    if (dist_has_avx2()) pack_widening_avx2(a, b, packed, n);
    else pack_widening_body(a, b, packed, n);
}

void dist_rowpair_analytic(int kind, const float *a, const float *b, const float *w, float scale, float *outA,
                           float *outB, long n) {
    if (dist_has_avx2()) analytic_avx2(kind, a, b, w, scale, outA, outB, n);
    else analytic_body(kind, a, b, w, scale, outA, outB, n);
}

void dist_rowpair_split(const float *w, float scale, float *outA, float *outB, long n) {
    if (dist_has_avx2()) split_avx2(w, scale, outA, outB, n);
    else split_body(w, scale, outA, outB, n);
}

void dist_rowpair_split_double(const double *w, double scale, double *outA, double *outB, long n) {
    if (dist_has_avx2()) split_double_avx2(w, scale, outA, outB, n);
    else split_double_body(w, scale, outA, outB, n);
}

void dist_rowpair_phasor_sums(const float *a, const float *b, const float *w, float scale, double *values,
                              double *phasorRe, double *phasorIm, long n) {
    if (dist_has_avx2()) phasor_avx2(a, b, w, scale, values, phasorRe, phasorIm, n);
    else phasor_body(a, b, w, scale, values, phasorRe, phasorIm, n);
}

void dist_rowpair_segments(const float *x, const long *starts, long count, long length, const double *window,
                           int detrend, long nfft, float *packed) {
    if (dist_has_avx2()) segments_avx2(x, starts, count, length, window, detrend, nfft, packed);
    else segments_body(x, starts, count, length, window, detrend, nfft, packed);
}
