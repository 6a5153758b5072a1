// Hand-written: DASCore's demean, standardize and normalize (l2) along time from float32 rows to fresh float64 rows
// (see dist_row_centring.c).
#ifndef DIST_ROW_CENTRING_H
#define DIST_ROW_CENTRING_H

/// What each row becomes: x − mean; (x − mean) / std (population std); x · (1 / ‖x‖₂), a zero norm leaving x.
/// The statistics skip NaN (numpy's nan-functions); a row with no value that is not NaN has mean NaN.
enum dist_row_centring_kind { DIST_ROW_DEMEAN = 0, DIST_ROW_STANDARDIZE = 1, DIST_ROW_L2_NORMALIZE = 2 };

/// y (rows × n float64) from x (rows × n float32), each row's statistics summed in float64 in column order (the
/// bits of CentringKernels' Swift loops on the widened row). `level`: the sliding-window kernels' levels
/// (dist_sliding.h); every level gives the same bits.
void dist_row_centring_widen(const float *x, double *y, long rows, long n, int kind, int level);

/// The same for float32 rows in their own buffer: each value computed in float64 as above and rounded once to float32
/// (the bits of CentringKernels' Swift loops on float32 rows).
void dist_row_centring_single_in_place(float *x, long rows, long n, int kind, int level);

#endif
