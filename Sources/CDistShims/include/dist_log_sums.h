// Hand-written: sums of natural logarithms of float32 values (see dist_log_sums.c).
#ifndef DIST_LOG_SUMS_H
#define DIST_LOG_SUMS_H

/// sums[r] = Σ_c log(x[r·n + c]) over each row of x (rows × n, float32), computed in float64 as the logarithm of
/// products (dist_log_sums.c): within about 1e-15 of the exact sum relative to Σ|log x|; −inf where a value is 0, NaN
/// where one is negative or NaN (+inf and −inf: NaN), +inf for +inf, as a sum of float64 logarithms gives.
/// `level`: the sliding-window kernels' levels (dist_sliding.h: 0 the best this processor has, 1 at most AVX2,
/// 2 the x86-64 baseline); every level gives the same bits.
void dist_log_sums_rows_float(const float *x, long rows, long n, double *sums, int level);
/// sums[c] = Σ_r log(x[r·n + c]) over each column of x (rows × n, float32), as above.
void dist_log_sums_columns_float(const float *x, long rows, long n, double *sums, int level);

#endif
