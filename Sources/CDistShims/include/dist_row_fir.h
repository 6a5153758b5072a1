// Hand-written: a short FIR correlation along every row (see dist_row_fir.c).
#ifndef DIST_ROW_FIR_H
#define DIST_ROW_FIR_H

/// out[r][first + j] = Σ_k weights[k] · x[r][j + k] for every j whose whole window lies in the row (0 <= j <=
/// n − ntaps), for each row of a row-major `rows` × `n` array. Summed from zero in tap order in the output's
/// precision, weights and samples converted to it first, without fused multiply-adds: the bits of the plain loop in
/// that precision. The other outputs of each row are set to 0. `x_single` / `out_single`: float32 (else
/// float64). `out` must not overlap `x`.
void dist_correlate_rows_interior(const void *x, int x_single, void *out, int out_single, long rows, long n,
                                  const double *weights, long ntaps, long first);

/// out[i][j] = Σ_a weights[a] · x[sources[i·ntaps + a]][j] over the taps a whose source row is >= 0 and whose
/// weight is not 0, summed from zero in tap order in float64 without fused multiply-adds: a short FIR along the
/// columns (channels) of a row-major float64 array, `rows` × `n` in and out, rows combined whole (`sources` gives
/// each output row's input rows, −1 for a zero beyond the edge). `out` must not overlap `x`.
void dist_combine_rows(const double *x, double *out, long rows, long n, const double *weights, long ntaps,
                       const long *sources);

#endif
