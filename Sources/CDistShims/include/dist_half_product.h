// Hand-written: a half spectrum times a full line of complex factors (see dist_half_product.c).
#ifndef DIST_HALF_PRODUCT_H
#define DIST_HALF_PRODUCT_H

/// For each row r of a half spectrum (rows × (n/2 + 1) complex bins stored as (re, im) pairs, float64, or float32
/// when `single`) and each k < n: z = bin k for k ≤ n/2, the conjugate of bin n − k above (a real row's two-sided
/// spectrum); out_re[r·n + k] = Re z·c[k] − Im z·d[k], out_im[r·n + k] = Re z·d[k] + Im z·c[k]. The same arithmetic,
/// in the same order, as the scalar product, so every level gives the same bits. `level`: 0 the best this
/// processor has, 1 at most AVX2, 2 the x86-64 baseline (dist_sliding.h's levels).
void dist_half_spectrum_times_line(const void *pairs, int single, long rows, long n, const double *c, const double *d,
                                   double *out_re, double *out_im, int level);

#endif
