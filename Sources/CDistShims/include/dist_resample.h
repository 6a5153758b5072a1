// Hand-written: the in-cache passes of scipy.signal.resample's Fourier method on two rows at once (see
// dist_resample.c).
#ifndef DIST_RESAMPLE_H
#define DIST_RESAMPLE_H

/// scipy.signal.resample's spectrum edit for rows a and b transformed together: from z, the transform of a + i·b
/// (n (re, im) pairs), into y (num pairs) the packed spectrum A' + i·B' whose inverse transform of num points
/// gives both resampled rows (times num). A and B are the rows' one-sided spectra, separated by conjugate
/// symmetry (A[k] = (Z[k] + conj Z[−k]) / 2, B[k] = (Z[k] − conj Z[−k]) / 2i), times `scale`, for the kept bins
/// k = 0 … min(num, n) / 2; an even min(num, n)'s last kept bin doubled (num < n) or halved (num > n) as scipy's;
/// the imaginary parts of DC and of an even num's Nyquist bin dropped (numpy's irfft ignores them). Bins of y
/// beyond the kept ones are left as they are (the caller zeroes them once). z and y may be the same array
/// (num == n): each pair of bins k, −k is read before it is written.
void dist_resample_edit_float(const float *z, long n, long num, float scale, float *y);
void dist_resample_edit_double(const double *z, long n, long num, double scale, double *y);

#endif
