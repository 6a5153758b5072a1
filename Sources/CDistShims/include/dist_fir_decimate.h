// Hand-written: the FIR decimator's kept outputs (see dist_fir_decimate.c).
#ifndef DIST_FIR_DECIMATE_H
#define DIST_FIR_DECIMATE_H

/// scipy.signal.decimate(x, q, ftype='fir') along each row of a row-major `rows` × `n` array: y[r][k] =
/// Σ_j taps[j] · x[r][c + half − j] for the kept samples c = offset + k·q (k < kept), zeros beyond the row,
/// summed in float64 in the order j = 0, 1, …, ntaps − 1 without fused multiply-adds (the same bits as the plain
/// loop). `x_single` / `out_single`: float32 input / output (else float64); float32 outputs are the float64 sums
/// rounded to nearest. Requires 0 <= offset and ntaps <= 2·half + 1.
void dist_fir_decimate_rows(const void *x, int x_single, void *out, int out_single, long rows, long n,
                            const double *taps, long ntaps, long half, long q, long offset, long kept);

#endif
