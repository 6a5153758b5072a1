// Hand-written: the sliding-window kernels over contiguous rows (see dist_sliding.c).
#ifndef DIST_SLIDING_H
#define DIST_SLIDING_H

/// Which compiled copy runs: the best the processor has (AVX-512, else AVX2, else the x86-64 baseline), or at most
/// AVX2, or the baseline — passed by each call (tests run every level; there is no global setting).
enum dist_sliding_level { DIST_SLIDING_BEST = 0, DIST_SLIDING_AVX2 = 1, DIST_SLIDING_BASELINE = 2 };

/// The level `level` resolves to on this processor: 512 (AVX-512), 256 (AVX2) or 128 (baseline).
int dist_sliding_vector_bits(int level);

// Rows are row-major, `rows` × `n`. `x_single` / `out_single`: the input / output values are float32 (else float64).
// Every kernel widens one row at a time into a float64 scratch row that stays in cache and computes in float64;
// float32 outputs are the float64 results rounded to nearest.

/// out[t] = mean of x over the window [t + lower, t + upper] clipped to the row (0 where the clipped window is
/// empty). Window sums are differences of prefix sums (an in-register SIMD scan per row). `out` may be `x` (in
/// place, same element type): each row is read whole before its outputs are written.
void dist_window_means(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                       long upper, int level);

/// out[t] = maximum (largest != 0) or minimum of x over [t + lower, t + upper] clipped to the row (lower <= 0 <=
/// upper); NaN when the window holds a NaN.
void dist_window_extrema(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                         long upper, int largest, int level);

/// out[r] = the largest (max − min) over the clipped windows [t + lower, t + upper] of row r (lower <= 0 <= upper),
/// windows holding a NaN left out; 0 when there is none.
void dist_window_largest_range(const void *x, int x_single, double *out, long rows, long n, long lower, long upper,
                               int level);

/// distpy's sta_lta, fixed: out[t] = mean(x²[t … t+sta−1], clipped to the row) / mean(x²[t−lta … t−1]); 0 for
/// t < lta and where that long-term mean is not positive.
void dist_sta_lta(const void *x, int x_single, void *out, int out_single, long rows, long n, long sta, long lta,
                  int level);

/// DASCore's stalta: out[t] = mean(x[t−short+1 … t]) / mean(x[t−long+1 … t]) (IEEE division); NaN for t < long − 1.
void dist_trailing_mean_ratio(const void *x, int x_single, void *out, int out_single, long rows, long n, long short_,
                              long long_, int level);

/// DASCore's rolling mean (statistic 0), maximum (1), minimum (2), median (3: numpy's, by selection per window,
/// for windows that barely overlap) or standard deviation (4: ddof 0) at the outputs i = 0 ..< m, m = ceil((n −
/// first) / step): the window [t − before, t + after], t = first + i·step; NaN where it is not whole. Only the kept
/// windows are computed when windows barely overlap (step ≥ w/4): each is read and summed on its own.
void dist_rolling(const void *x, int x_single, double *out, long rows, long n, long before, long after, long first,
                  long step, int statistic, int level);

/// scipy.ndimage.median_filter(x, size=(height, width)) with mode 'reflect' for small windows (height · width ≤ 15):
/// sorting networks on 8 outputs at a time.
void dist_small_medians(const double *x, double *out, long rows, long n, long height, long width, int level);

#endif
