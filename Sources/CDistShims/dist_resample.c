// scipy.signal.resample's Fourier method, two float32 or float64 rows per complex transform (DistSwiftNative's
// RowSpectrumKernels.resampled): the spectrum edit between the forward and the inverse transform (the pack and
// the split around the transforms are dist_rowpair.c's). The edit was a scalar Swift loop through a closure (~7% of
// a float32 chunk's time in perf); here plain loops that the compiler vectorises, compiled for AVX2 and for the
// x86-64 baseline and chosen at run time. No fused multiply-adds (contraction off): the same
// operations in the same order as the Swift loop they replace, so the same bits on every processor.
#include "dist_resample.h"
#include "dist_dispatch.h"  // dist_has_avx2

#pragma clang fp contract(off)

// One bin pair k, −k: A and B from Z[k] and Z[n − k], times the factor, into y[k] and y[num − k] (k is neither 0
// nor an even num's Nyquist bin). Loads come before stores: y may be z.
#define EDIT_BIN(T, z, n, num, half, factor, y, k)                                                                  \
    do {                                                                                                           \
        const long j_ = (n) - (k);                                                                                 \
        const T zr = z[2 * (k)], zi = z[2 * (k) + 1], wr = z[2 * j_], wi = z[2 * j_ + 1];                          \
        const T ar = (zr + wr) * (half) * (factor), ai = (zi - wi) * (half) * (factor);                            \
        const T br = (zi + wi) * (half) * (factor), bi = (wr - zr) * (half) * (factor);                            \
        y[2 * (k)] = ar - bi;                                                                                      \
        y[2 * (k) + 1] = ai + br;                                                                                  \
        y[2 * ((num) - (k))] = ar + bi;                                                                            \
        y[2 * ((num) - (k)) + 1] = br - ai;                                                                        \
    } while (0)

// Bins 1 ..< last of separate arrays, one pass for the positive bins k and one for the negative ones num − k: each
// loop writes one stream, so the compiler vectorises both (a pass writing both was left scalar, the two streams
// possibly overlapping). The same operations as EDIT_BIN's.
#define EDIT_PASSES(T, NAME)                                                                                       \
    static inline __attribute__((always_inline)) void NAME##_positive(const T *restrict z, long n, T half,        \
                                                                      T *restrict y, long last) {                  \
        for (long k = 1; k < last; k++) {                                                                          \
            const long j = n - k;                                                                                  \
            const T zr = z[2 * k], zi = z[2 * k + 1], wr = z[2 * j], wi = z[2 * j + 1];                            \
            y[2 * k] = (zr + wr) * half - (wr - zr) * half;                                                        \
            y[2 * k + 1] = (zi - wi) * half + (zi + wi) * half;                                                    \
        }                                                                                                          \
    }                                                                                                              \
    static inline __attribute__((always_inline)) void NAME##_negative(const T *restrict z, long n, long num,      \
                                                                      T half, T *restrict y, long last) {          \
        for (long k = 1; k < last; k++) {                                                                          \
            const long j = n - k;                                                                                  \
            const T zr = z[2 * k], zi = z[2 * k + 1], wr = z[2 * j], wi = z[2 * j + 1];                            \
            y[2 * (num - k)] = (zr + wr) * half + (wr - zr) * half;                                                \
            y[2 * (num - k) + 1] = (zi + wi) * half - (zi - wi) * half;                                            \
        }                                                                                                          \
    }

// The Swift loop multiplied by the Nyquist factor after scaling, and only in that bin; `(x * half) * 1` is x * half
// exactly, so the uniform bins below use the factor 1 without changing a bit.
#define EDIT_BODY(T, NAME)                                                                                         \
    static inline __attribute__((always_inline)) void NAME(const T *z, long n, long num, T scale, T *y) {        \
        const long m = num < n ? num : n, kept = m / 2 + 1;                                                        \
        const T half = scale / 2;                                                                                  \
        /* DC: A and B are real. */                                                                                \
        y[0] = (z[0] + z[0]) * half;                                                                               \
        y[1] = (z[1] + z[1]) * half;                                                                               \
        if (kept < 2) return;                                                                                      \
        const long last = kept - 1;                                                                                \
        if (z == y) {                                                                                              \
            for (long k = 1; k < last; k++) EDIT_BIN(T, z, n, num, half, (T)1, y, k);                              \
        } else {                                                                                                   \
            NAME##_positive(z, n, half, y, last);                                                                  \
            NAME##_negative(z, n, num, half, y, last);                                                             \
        }                                                                                                          \
        /* The last kept bin: scipy's Nyquist factor where min(num, n) is even, num's Nyquist where it is num/2. */ \
        const T factor = (m % 2 == 0 && num != n) ? (num < n ? (T)2 : (T)0.5) : (T)1;                              \
        if (num % 2 == 0 && last == num / 2) {                                                                     \
            const long j = n - last;                                                                               \
            const T zr = z[2 * last], zi = z[2 * last + 1], wr = z[2 * j], wi = z[2 * j + 1];                      \
            y[2 * last] = (zr + wr) * half * factor;                                                               \
            y[2 * last + 1] = (zi + wi) * half * factor;                                                           \
        } else {                                                                                                   \
            EDIT_BIN(T, z, n, num, half, factor, y, last);                                                         \
        }                                                                                                          \
    }

EDIT_PASSES(float, edit_float_body)
EDIT_PASSES(double, edit_double_body)
EDIT_BODY(float, edit_float_body)
EDIT_BODY(double, edit_double_body)

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
AVX2 static void edit_float_avx2(const float *z, long n, long num, float scale, float *y) {
    edit_float_body(z, n, num, scale, y);
}
AVX2 static void edit_double_avx2(const double *z, long n, long num, double scale, double *y) {
    edit_double_body(z, n, num, scale, y);
}
#else
#define edit_float_avx2 edit_float_body
#define edit_double_avx2 edit_double_body
#endif

void dist_resample_edit_float(const float *z, long n, long num, float scale, float *y) {
    if (dist_has_avx2()) edit_float_avx2(z, n, num, scale, y);
    else edit_float_body(z, n, num, scale, y);
}

void dist_resample_edit_double(const double *z, long n, long num, double scale, double *y) {
    if (dist_has_avx2()) edit_double_avx2(z, n, num, scale, y);
    else edit_double_body(z, n, num, scale, y);
}
