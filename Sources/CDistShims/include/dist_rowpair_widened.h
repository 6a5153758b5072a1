// Hand-written: the in-cache output pass of the paired row transforms for float32 rows computed in float64 (a float32
// chunk in a float64 graph; see dist_rowpair_widened.c).
#ifndef DIST_ROWPAIR_WIDENED_H
#define DIST_ROWPAIR_WIDENED_H

/// `dist_rowpair_analytic` (dist_rowpair.h: kind DIST_ROWPAIR_HILBERT, _ANALYTIC or _ENVELOPE) for float32 rows a
/// and b whose transform w was computed in float64: each x widened as it is read, H = w · scale in float64, the
/// outputs float64. `level`: the sliding-window kernels' levels (dist_sliding.h); every level gives the same bits.
void dist_rowpair_analytic_widened(int kind, const float *a, const float *b, const double *w, double scale,
                                   double *outA, double *outB, long n, int level);

/// `dist_rowpair_phasor_sums` (dist_rowpair.h) for float32 rows whose transform w was computed in float64: h =
/// w[2t + part] · scale in float64 (no rounding to float32), the same sums in the same order as
/// PhaseCoherenceKernels.channelSums on the widened rows and their float64 Hilbert transforms.
void dist_rowpair_phasor_sums_widened(const float *a, const float *b, const double *w, double scale, double *values,
                                      double *phasorRe, double *phasorIm, long n, int level);

#endif
