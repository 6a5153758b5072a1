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

#endif
