// Hand-written: the k-means assignment step and the features' total variance (see dist_kmeans.c).
#ifndef DIST_KMEANS_H
#define DIST_KMEANS_H

/// For each of the `n` samples (rows of `x`, `d` values each, float32 when `x_single` else float64): the nearest of
/// the `k` centres (row-major k × d, float64) by ‖x‖² − 2 x·c + ‖c‖² (`norms`: ‖x‖² of each sample, `centre_norms`:
/// ‖c‖² of each centre; ties go to the lower centre), written to `labels`. When `sums` is not NULL, each sample is
/// also added to its centre's row of `sums` (k × d, samples in order) and counted in `counts` (both must be zero on
/// entry). Returns the total of the squared distances (each clipped at 0). `single_arithmetic` (x float32 only):
/// the dot products in float32, centres rounded to float32 (a float32 graph, as scikit-learn on float32 data).
/// `level` as dist_sliding_level.
double dist_kmeans_assign(const void *x, int x_single, long n, long d, const double *centres,
                          const double *centre_norms, long k, const double *norms, long *labels, double *sums,
                          long *counts, int single_arithmetic, int level);

/// Σ over the d features of each feature's variance over the n samples (population variance, mean first): the
/// scale of scikit-learn's convergence tolerance.
double dist_kmeans_total_variance(const void *x, int x_single, long n, long d);

#endif
