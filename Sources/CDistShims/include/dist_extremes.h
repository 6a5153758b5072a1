// Hand-written: the smallest and largest value of an array in one vectorised pass (see dist_extremes.c).
#ifndef DIST_EXTREMES_H
#define DIST_EXTREMES_H

/// *low and *high: what `low = x[0]; high = x[0]; for v in x { if v < low { low = v }; if v > high { high = v } }`
/// gives, bit for bit — NaN skipped unless x[0] is NaN, and of +0 and −0 the one that comes first — for n ≥ 1.
/// `level`: the sliding-window kernels' levels (dist_sliding.h); every level gives the same bits.
void dist_extremes_float(const float *x, long n, float *low, float *high, int level);
void dist_extremes_double(const double *x, long n, double *low, double *high, int level);

#endif
