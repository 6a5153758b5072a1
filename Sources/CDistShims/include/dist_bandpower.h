// Hand-written: the band powers of two real rows read from the packed transform of a + i·b (see dist_bandpower.c).
#ifndef DIST_BANDPOWER_H
#define DIST_BANDPOWER_H

/// From z, the unnormalised complex transform of m points of the packed row a + i·b ((re, im) pairs), the weighted
/// power Σ w_k |X_k|² of each row's one-sided spectrum over the bins edges[s] ≤ k < edges[s + 1], for every
/// s < nedges − 1, into outA[s] (row a) and outB[s] (row b; NULL: row a only): A_k = (Z_k + conj Z_{m−k}) / 2,
/// B_k = (Z_k − conj Z_{m−k}) / 2i, w_k = 1 at DC and (even m) Nyquist, 2 elsewhere. The edges are increasing and
/// at most m / 2 + 1. Summed in float64 (the float transform's values widened as they are read), in four
/// interleaved partial sums added in a fixed order: the same bits on every processor.
void dist_bandpower_pair_float(const float *z, long m, const long *edges, long nedges, double *outA, double *outB);
void dist_bandpower_pair_double(const double *z, long m, const long *edges, long nedges, double *outA, double *outB);

#endif
