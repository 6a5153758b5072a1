// Hand-written, private to dist_rowpair.c and dist_rowpair_widened.c: one row's output pass of the paired row
// transforms, written once for float32 (float rows, float transform) and float64 (float rows, double transform).
#ifndef DIST_ROWPAIR_ROW_H
#define DIST_ROWPAIR_ROW_H

#include "dist_rowpair.h"  // the kinds

/// `static inline void NAME(kind, x, w, part, scale, out, n)`: row x's H(x) = w[2t + part] · scale, the (x, H(x))
/// pairs or |x + i·H(x)| (SQRT) into out, in T; x of type X is converted to T as it is read. Plain loops that the
/// compiler vectorises (the including file turns contraction off: no fused multiply-adds).
#define DIST_ROWPAIR_ONE_ROW(NAME, X, T, SQRT)                                                                         \
    static inline void NAME(int kind, const X *restrict x, const T *restrict w, long part, T scale, T *restrict out,  \
                            long n) {                                                                                  \
        switch (kind) {                                                                                                \
        case DIST_ROWPAIR_HILBERT:                                                                                     \
            for (long t = 0; t < n; t++) out[t] = w[2 * t + part] * scale;                                             \
            break;                                                                                                     \
        case DIST_ROWPAIR_ANALYTIC:                                                                                    \
            for (long t = 0; t < n; t++) {                                                                             \
                out[2 * t] = x[t];                                                                                     \
                out[2 * t + 1] = w[2 * t + part] * scale;                                                              \
            }                                                                                                          \
            break;                                                                                                     \
        default:                                                                                                       \
            for (long t = 0; t < n; t++) {                                                                             \
                const T re = x[t], im = w[2 * t + part] * scale;                                                       \
                out[t] = SQRT(re * re + im * im);                                                                      \
            }                                                                                                          \
        }                                                                                                              \
    }

/// `static inline void NAME(x, w, part, scale, values, phasorRe, phasorIm, n)`: a phase-weighted stack's sums over
/// one more row x of a pair (dist_rowpair_phasor_sums), with h = (T)(w[2t + part] · scale) in T, the sums in float64.
#define DIST_ROWPAIR_PHASOR_ROW(NAME, T)                                                                               \
    static inline void NAME(const float *restrict x, const T *restrict w, long part, T scale,                         \
                            double *restrict values, double *restrict phasorRe, double *restrict phasorIm, long n) {   \
        for (long t = 0; t < n; t++) {                                                                                 \
            const double re = x[t], im = (T)(w[2 * t + part] * scale);                                                 \
            values[t] += re;                                                                                           \
            const double d = __builtin_sqrt(re * re + im * im);                                                        \
            const double reciprocal = 1 / (__DBL_EPSILON__ >= d ? __DBL_EPSILON__ : d); /* Swift's max(d, ε) */       \
            phasorRe[t] += re * reciprocal;                                                                            \
            phasorIm[t] += im * reciprocal;                                                                            \
        }                                                                                                              \
    }

#endif
