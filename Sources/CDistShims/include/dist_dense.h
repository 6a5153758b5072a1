// Hand-written: a Dense layer's product of a tall matrix and a narrow one (see dist_dense.c).
#ifndef DIST_DENSE_H
#define DIST_DENSE_H

/// out (rows × units, row-major) = x (rows × k) · w (k × units). `single`: x, w and out are float32 and the
/// arithmetic float32 (Keras's float32 model on a float32 chunk); otherwise w and out are float64, the arithmetic
/// float64, and x float32 (`x_single`, widened as it is read) or float64. Every output is one fused multiply-add
/// chain over j = 0 … k−1 in order, at every level (`level` as dist_sliding_level: 0 best, 1 AVX2, 2 baseline).
void dist_dense_product(const void *x, int x_single, long rows, long k, const void *w, long units, void *out,
                        int single, int level);

#endif
