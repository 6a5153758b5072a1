// Hand-written: the sliding-window kernels (running means, STA/LTA ratios, running maxima and minima, DASCore's
// rolling statistics) over contiguous rows, in C because Swift cannot compile one function for a wider vector unit
// than the build's baseline (x86-64: SSE2). Compiled three times (AVX-512, AVX2, baseline) and chosen at run time, as
// dist_iir.c. Written with the compiler's vector extensions, 8 doubles a vector: one zmm register with AVX-512, two
// ymm with AVX2, four xmm on the baseline — the same arithmetic in the same order at every level, so every level
// gives the same bits.
//
// Each row is widened (float32) or copied into a float64 scratch row that stays in the processor's caches, and the
// outputs are written straight to the output row: non-temporal stores where it is written once and is large, so
// the output's cache lines are not read before they are overwritten.
#include "dist_sliding.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#pragma STDC FP_CONTRACT OFF
// The helpers below pass 8-double vectors by value; they are always inlined, so no call uses the vector ABI the
// warning is about.
#pragma clang diagnostic ignored "-Wpsabi"

#define V 8
typedef double vd __attribute__((vector_size(8 * V)));
typedef float vf __attribute__((vector_size(4 * V)));
typedef long long vl __attribute__((vector_size(8 * V)));

#define INLINE static inline __attribute__((always_inline))

INLINE vd load(const double *p) {
    vd v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE vd load_float(const float *p) {
    vf v;
    memcpy(&v, p, sizeof v);
    return __builtin_convertvector(v, vd);
}

INLINE vd splat(double a) { return (vd){a, a, a, a, a, a, a, a}; }

INLINE vd blend(vl mask, vd a, vd b) { return (vd)(((vl)a & mask) | ((vl)b & ~mask)); }

// Inclusive prefix sum of the 8 lanes: three shifted additions (log-step scan).
INLINE vd scan(vd v) {
    const vd z = splat(0);
    v += __builtin_shufflevector(z, v, 0, 8, 9, 10, 11, 12, 13, 14);
    v += __builtin_shufflevector(z, v, 0, 1, 8, 9, 10, 11, 12, 13);
    v += __builtin_shufflevector(z, v, 0, 1, 2, 3, 8, 9, 10, 11);
    return v;
}

INLINE vd last_lane(vd v) { return __builtin_shufflevector(v, v, 7, 7, 7, 7, 7, 7, 7, 7); }

// Row r of x (n values) as float64: the row itself (float64 input), else widened into `scratch`.
INLINE const double *row_of(const void *x, int single, long r, long n, double *scratch) {
    if (!single) return (const double *)x + r * n;
    const float *s = (const float *)x + r * n;
    long i = 0;
    for (; i + V <= n; i += V) {
        vd v = load_float(s + i);
        memcpy(scratch + i, &v, sizeof v);
    }
    for (; i < n; ++i) scratch[i] = s[i];
    return scratch;
}

// p[0] = 0, p[i + 1] = x[0] + … + x[i] (of x² when `squared`) for row r of x, float32 values widened as they are
// read. Vectors of 8 are scanned in registers and offset by the running total of the vectors before (one dependent
// addition per 8 values, not per value).
INLINE void prefix_sums(const void *x, int single, long r, long n, double *p, int squared) {
    const double *xd = (const double *)x + r * n;
    const float *xf = (const float *)x + r * n;
    vd carry = splat(0);
    p[0] = 0;
    long i = 0;
    for (; i + V <= n; i += V) {
        vd v = single ? load_float(xf + i) : load(xd + i);
        if (squared) v *= v;
        v = scan(v) + carry;
        memcpy(p + i + 1, &v, sizeof v);
        carry = last_lane(v);
    }
    double sum = p[i];
    for (; i < n; ++i) {
        const double v = single ? (double)xf[i] : xd[i];
        sum += squared ? v * v : v;
        p[i + 1] = sum;
    }
}

// Output stores: out[t ..< t + 8] = v, as float64 or rounded to float32; `stream`: non-temporal (the address must be
// aligned to the vector's size).
INLINE void put(void *out, int single, long t, vd v, int stream) {
    if (single) {
        vf f = __builtin_convertvector(v, vf);
        if (stream) __builtin_nontemporal_store(f, (vf *)((float *)out + t));
        else memcpy((float *)out + t, &f, sizeof f);
    } else {
        if (stream) __builtin_nontemporal_store(v, (vd *)((double *)out + t));
        else memcpy((double *)out + t, &v, sizeof v);
    }
}

INLINE void put1(void *out, int single, long t, double v) {
    if (single) ((float *)out)[t] = (float)v;
    else ((double *)out)[t] = v;
}

// The first t ≥ from at which out + t is aligned for non-temporal vector stores (at most `to`).
INLINE long aligned_from(const void *out, int single, long from, long to) {
    const long size = single ? 4 : 8, bytes = size * V;
    long t = from;
    while (t < to && ((unsigned long)((const char *)out + t * size) % bytes) != 0) ++t;
    return t;
}

// body(t) for the values t of [from, to) one at a time, and vector(t) for aligned runs of 8 in between.
#define FOR_ALIGNED(OUT, SINGLE, FROM, TO, SCALAR, VECTOR)                                                             \
    do {                                                                                                               \
        const long from_ = (FROM), to_ = (TO);                                                                         \
        const long start_ = aligned_from(OUT, SINGLE, from_, to_);                                                     \
        long t = from_;                                                                                                \
        for (; t < start_; ++t) { SCALAR; }                                                                            \
        for (; t + V <= to_; t += V) { VECTOR; }                                                                       \
        for (; t < to_; ++t) { SCALAR; }                                                                               \
    } while (0)

static double *scratch_doubles(long count) {
    size_t bytes = (size_t)(count + 2 * V) * sizeof(double);
    bytes = (bytes + 63) / 64 * 64;
    return aligned_alloc(64, bytes);
}

// ---- running means ---------------------------------------------------------------------------------------------

// Short windows (w ≤ 16) are summed directly, left to right: w − 1 additions per 8 outputs from a widened row in
// cache, no prefix-sum pass (whose scan and carry cost more than a few additions) and no cancellation of a long
// running total. Longer windows use the prefix sums: one subtraction per output whatever w.
#define DIRECT_MEAN_WIDTH 16

INLINE double clipped_sum(const double *row, long a, long b) {
    double sum = row[a];
    for (long k = a + 1; k <= b; ++k) sum += row[k];
    return sum;
}

// Value i of a row of float64 or float32 values, as float64 (exact), one at a time or 8 at a time.
INLINE double value_at(const void *row, int single, long i) {
    return single ? (double)((const float *)row)[i] : ((const double *)row)[i];
}

INLINE vd vector_at(const void *row, int single, long i) {
    return single ? load_float((const float *)row + i) : load((const double *)row + i);
}

// Direct means of one row read straight from its source (float32 widened in registers), with no scratch copy:
// written into another buffer, or into the row's own buffer when every window lies at or after its sample
// (lower ≥ 0) — out[t…t+7] is written after its windows x[t+lower … t+7+upper] are read, and every later output
// reads only x[t+8 …] on. One pass that reads and writes each value once. The same sums in the same order, scaled
// the same way, as from a scratch row: the same bits.
INLINE double row_window_sum(const void *row, int single, long a, long b) {
    double sum = value_at(row, single, a);
    for (long k = a + 1; k <= b; ++k) sum += value_at(row, single, k);
    return sum;
}

INLINE void direct_means_row(const void *row, int single, void *y, int out_single, long n, long lower, long upper,
                             long first, long last, double scale, vd vscale, int stream) {
    // The clipped windows at the start, [0, first) (none when lower ≥ 0, so in place they come first either way).
    for (long t = 0; t < first; ++t) {
        const long a = t + lower < 0 ? 0 : t + lower, b = t + upper > n - 1 ? n - 1 : t + upper;
        put1(y, out_single, t, a <= b ? row_window_sum(row, single, a, b) / (double)(b - a + 1) : 0);
    }
    FOR_ALIGNED(y, out_single, first, last, put1(y, out_single, t, row_window_sum(row, single, t + lower, t + upper) * scale),
                {
                    vd sum = vector_at(row, single, t + lower);
                    for (long k = lower + 1; k <= upper; ++k) sum += vector_at(row, single, t + k);
                    put(y, out_single, t, sum * vscale, stream);
                });
    for (long t = last; t < n; ++t) {
        const long a = t + lower < 0 ? 0 : t + lower, b = t + upper > n - 1 ? n - 1 : t + upper;
        put1(y, out_single, t, a <= b ? row_window_sum(row, single, a, b) / (double)(b - a + 1) : 0);
    }
}

INLINE void means_rows(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                       long upper) {
    const long w = upper - lower + 1;
    const int direct = w <= DIRECT_MEAN_WIDTH;
    double *p = scratch_doubles(n + 1), *wide = direct ? scratch_doubles(n) : NULL;
    const long first = n < (lower < 0 ? -lower : 0) ? n : (lower < 0 ? -lower : 0);
    long last = n - upper < n ? n - upper : n;
    if (last < first) last = first;
    const double scale = 1.0 / (double)w;
    const vd vscale = splat(scale);
    // In place (out is x): each row is read whole — widened or copied into scratch, or summed into p — before any
    // of its outputs is written, and the outputs go through the cache (the row's lines are there already, and a
    // non-temporal store would evict them only for the next row to miss).
    const int in_place = out == x, stream = !in_place;
    for (long r = 0; r < rows; ++r) {
        void *y = out_single ? (void *)((float *)out + r * n) : (void *)((double *)out + r * n);
        if (direct && (!in_place || lower >= 0)) {
            const void *row = x_single ? (const void *)((const float *)x + r * n) : (const void *)((const double *)x + r * n);
            direct_means_row(row, x_single, y, out_single, n, lower, upper, first, last, scale, vscale, stream);
            continue;
        }
        if (direct) {
            const double *row = row_of(x, x_single, r, n, wide);
            if (in_place && !x_single) {
                memcpy(wide, row, (size_t)n * sizeof(double));
                row = wide;
            }
            FOR_ALIGNED(y, out_single, first, last, put1(y, out_single, t, clipped_sum(row, t + lower, t + upper) * scale),
                        {
                            vd sum = load(row + t + lower);
                            for (long k = lower + 1; k <= upper; ++k) sum += load(row + t + k);
                            put(y, out_single, t, sum * vscale, stream);
                        });
            for (int end = 0; end < 2; ++end) {
                for (long t = end ? last : 0; t < (end ? n : first); ++t) {
                    const long a = t + lower < 0 ? 0 : t + lower, b = t + upper > n - 1 ? n - 1 : t + upper;
                    put1(y, out_single, t, a <= b ? clipped_sum(row, a, b) / (double)(b - a + 1) : 0);
                }
            }
            continue;
        }
        prefix_sums(x, x_single, r, n, p, 0);
        // The interior, where the window is whole: one subtraction and one product per value.
        FOR_ALIGNED(y, out_single, first, last, put1(y, out_single, t, (p[t + upper + 1] - p[t + lower]) * scale),
                    put(y, out_single, t, (load(p + t + upper + 1) - load(p + t + lower)) * vscale, stream));
        // The ends, where the window is clipped: [0, first) and [last, n).
        for (int end = 0; end < 2; ++end) {
            for (long t = end ? last : 0; t < (end ? n : first); ++t) {
                const long a = t + lower < 0 ? 0 : t + lower, b = t + upper > n - 1 ? n - 1 : t + upper;
                put1(y, out_single, t, a <= b ? (p[b + 1] - p[a]) / (double)(b - a + 1) : 0);
            }
        }
    }
    free(p);
    free(wide);
}

// ---- STA/LTA -----------------------------------------------------------------------------------------------------

INLINE void sta_lta_rows(const void *x, int x_single, void *out, int out_single, long rows, long n, long sta,
                         long lta) {
    double *p = scratch_doubles(n + 1);
    const double ls = 1.0 / (double)lta, ss = 1.0 / (double)sta;
    const vd vls = splat(ls), vss = splat(ss), zero = splat(0);
    const long start = lta < n ? lta : n;
    long whole = n - sta + 1 > lta ? n - sta + 1 : lta;
    if (whole > n) whole = n;
    for (long r = 0; r < rows; ++r) {
        prefix_sums(x, x_single, r, n, p, 1);
        void *y = out_single ? (void *)((float *)out + r * n) : (void *)((double *)out + r * n);
        for (long t = 0; t < start; ++t) put1(y, out_single, t, 0);
        FOR_ALIGNED(y, out_single, start, whole,
                    {
                        const double l = (p[t] - p[t - lta]) * ls;
                        put1(y, out_single, t, l > 0 ? (p[t + sta] - p[t]) * ss / l : 0);
                    },
                    {
                        const vd pt = load(p + t);
                        const vd l = (pt - load(p + t - lta)) * vls;
                        const vd ratio = (load(p + t + sta) - pt) * vss / l;
                        put(y, out_single, t, blend(l > zero, ratio, zero), 1);
                    });
        for (long t = whole > lta ? whole : lta; t < n; ++t) {
            const double l = (p[t] - p[t - lta]) * ls;
            put1(y, out_single, t, l > 0 ? (p[n] - p[t]) / (double)(n - t) / l : 0);
        }
    }
    free(p);
}

INLINE void trailing_ratio_rows(const void *x, int x_single, void *out, int out_single, long rows, long n,
                                long short_, long long_) {
    double *p = scratch_doubles(n + 1);
    const double ss = 1.0 / (double)short_, ls = 1.0 / (double)long_;
    const vd vss = splat(ss), vls = splat(ls);
    const long start = long_ - 1 < n ? long_ - 1 : n;
    for (long r = 0; r < rows; ++r) {
        void *y = out_single ? (void *)((float *)out + r * n) : (void *)((double *)out + r * n);
        for (long t = 0; t < start; ++t) put1(y, out_single, t, NAN);
        if (start >= n) continue;
        prefix_sums(x, x_single, r, n, p, 0);
        FOR_ALIGNED(y, out_single, start, n,
                    put1(y, out_single, t,
                         ((p[t + 1] - p[t + 1 - short_]) * ss) / ((p[t + 1] - p[t + 1 - long_]) * ls)),
                    {
                        const vd end = load(p + t + 1);
                        put(y, out_single, t,
                            ((end - load(p + t + 1 - short_)) * vss) / ((end - load(p + t + 1 - long_)) * vls), 1);
                    });
    }
    free(p);
}

// ---- running extrema ---------------------------------------------------------------------------------------------
//
// The extreme of every window of w values by doubling: after the passes k = 1, 2, 4, … (2k ≤ w), m[i] is the extreme
// of the q values from i on (q the largest power of 2 ≤ w), and a window starting at a is the better of m[a] and
// m[a + w − q] (two overlapping runs of q that cover it). log₂ w vector passes over a row in cache, each one
// comparison per value without dependencies between values, so all lanes run; exact (a comparison rounds nothing).
// A row that holds a NaN takes comparisons that pass it on (a window with a NaN gives NaN).

INLINE vd better(vd a, vd b, int largest, int nans) {
    vl keep = largest ? (a > b) : (a < b);
    if (nans) keep |= (a != a);
    return blend(keep, a, b);
}

INLINE double better1(double a, double b, int largest, int nans) {
    const int keep = (largest ? a > b : a < b) || (nans && a != a);
    return keep ? a : b;
}

// Runs of q = the largest power of 2 ≤ w over m[0 ..< len] in place (valid for i ≤ len − q); returns q.
INLINE long doubling(double *m, long len, long w, int largest, int nans) {
    long q = 1;
    while (2 * q <= w) {
        const long end = len - 2 * q + 1;
        long i = 0;
        if (nans) {
            for (; i + V <= end; i += V) {
                vd v = better(load(m + i), load(m + i + q), largest, 1);
                memcpy(m + i, &v, sizeof v);
            }
        } else {
            for (; i + V <= end; i += V) {
                vd v = better(load(m + i), load(m + i + q), largest, 0);
                memcpy(m + i, &v, sizeof v);
            }
        }
        for (; i < end; ++i) m[i] = better1(m[i], m[i + q], largest, nans);
        q *= 2;
    }
    return q;
}

// m[0 ..< pad_left] and m[pad_left + n ..< pad_left + n + pad_right] = ∓∞, the row between; returns whether the row
// holds a NaN.
INLINE int padded_row(const void *x, int single, long r, long n, long pad_left, long pad_right, int largest,
                      double *m) {
    const double outside = largest ? -INFINITY : INFINITY;
    for (long i = 0; i < pad_left; ++i) m[i] = outside;
    for (long i = 0; i < pad_right; ++i) m[pad_left + n + i] = outside;
    double *middle = m + pad_left;
    const double *xd = (const double *)x + r * n;
    const float *xf = (const float *)x + r * n;
    vl nan = {0};
    long i = 0;
    for (; i + V <= n; i += V) {
        vd v = single ? load_float(xf + i) : load(xd + i);
        nan |= (v != v);
        memcpy(middle + i, &v, sizeof v);
    }
    for (; i < n; ++i) middle[i] = single ? (double)xf[i] : xd[i];
    int any = 0;
    for (int l = 0; l < V; ++l) any |= nan[l] != 0;
    for (long k = n / V * V; k < n; ++k) any |= middle[k] != middle[k];
    return any;
}

INLINE void extrema_rows(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                         long upper, int largest) {
    const long w = upper - lower + 1, pad_left = -lower, len = n + w - 1;
    double *m = scratch_doubles(len);
    for (long r = 0; r < rows; ++r) {
        const int nans = padded_row(x, x_single, r, n, pad_left, upper, largest, m);
        const long q = doubling(m, len, w, largest, nans);
        const long shift = w - q;
        void *y = out_single ? (void *)((float *)out + r * n) : (void *)((double *)out + r * n);
        if (nans) {
            FOR_ALIGNED(y, out_single, 0, n, put1(y, out_single, t, better1(m[t], m[t + shift], largest, 1)),
                        put(y, out_single, t, better(load(m + t), load(m + t + shift), largest, 1), 1));
        } else {
            FOR_ALIGNED(y, out_single, 0, n, put1(y, out_single, t, better1(m[t], m[t + shift], largest, 0)),
                        put(y, out_single, t, better(load(m + t), load(m + t + shift), largest, 0), 1));
        }
    }
    free(m);
}

INLINE void largest_range_rows(const void *x, int x_single, double *out, long rows, long n, long lower, long upper) {
    const long w = upper - lower + 1, pad_left = -lower, len = n + w - 1;
    double *high = scratch_doubles(len), *low = scratch_doubles(len);
    for (long r = 0; r < rows; ++r) {
        const int nans = padded_row(x, x_single, r, n, pad_left, upper, 1, high);
        padded_row(x, x_single, r, n, pad_left, upper, 0, low);
        const long q = doubling(high, len, w, 1, nans);
        doubling(low, len, w, 0, nans);
        const long shift = w - q;
        vd best = splat(0);
        long t = 0;
        // A range that is NaN compares false and leaves the best as it was.
        for (; t + V <= n; t += V) {
            const vd range = better(load(high + t), load(high + t + shift), 1, nans) -
                             better(load(low + t), load(low + t + shift), 0, nans);
            best = blend(range > best, range, best);
        }
        double most = 0;
        for (int l = 0; l < V; ++l) most = best[l] > most ? best[l] : most;
        for (; t < n; ++t) {
            const double range = better1(high[t], high[t + shift], 1, nans) - better1(low[t], low[t + shift], 0, nans);
            most = range > most ? range : most;
        }
        out[r] = most;
    }
    free(high);
    free(low);
}

// ---- DASCore's rolling statistics ------------------------------------------------------------------------------

// The sum of the w values from row + a, float32 values (`single`) widened as they are read: 8 lanes, then the
// lanes in order, then the tail — the same additions in the same order for either type.
INLINE double stored_window_sum(const void *row, int single, long a, long w) {
    vd sum = splat(0);
    long k = 0;
    for (; k + V <= w; k += V) sum += vector_at(row, single, a + k);
    double total = 0;
    for (int l = 0; l < V; ++l) total += sum[l];
    for (; k < w; ++k) total += value_at(row, single, a + k);
    return total;
}

INLINE double window_sum(const double *x, long w) { return stored_window_sum(x, 0, 0, w); }

INLINE double window_extreme(const double *x, long w, int largest) {
    long k = 0;
    double most = x[0];
    if (w >= V) {
        vd acc = load(x);
        for (k = V; k + V <= w; k += V) acc = better(acc, load(x + k), largest, 1);
        acc = better(acc, load(x + w - V), largest, 1);  // the last 8 (overlapping the loop's: harmless)
        most = acc[0];
        for (int l = 1; l < V; ++l) most = better1(most, acc[l], largest, 1);
        return most;
    }
    for (k = 1; k < w; ++k) most = better1(most, x[k], largest, 1);
    return most;
}

// numpy's std (ddof 0) of the w values from x on: two passes, the mean first (exact up to the sums' rounding).
INLINE double window_deviation(const double *x, long w) {
    const double mean = window_sum(x, w) / (double)w;
    vd sum2 = splat(0);
    const vd vmean = splat(mean);
    long k = 0;
    for (; k + V <= w; k += V) {
        const vd d = load(x + k) - vmean;
        sum2 += d * d;
    }
    double total = 0;
    for (int l = 0; l < V; ++l) total += sum2[l];
    for (; k < w; ++k) total += (x[k] - mean) * (x[k] - mean);
    return sqrt(total / (double)w);
}

// The k-th smallest of a[0 ..< n] (a is reordered so that a[0 ..< k] ≤ a[k]): quickselect with a branchless
// Lomuto partition (each value swapped into place by arithmetic on the index, not a branch on the data: random data
// mispredicts half of a partition's branches), median-of-three pivots, insertion sort below 16 values.
INLINE double select_kth(double *a, long n, long k) {
    long lo = 0, hi = n - 1;
    while (hi - lo > 16) {
        const long mid = lo + (hi - lo) / 2;
        double t;
        if (a[mid] < a[lo]) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[mid] < a[hi]) { t = a[mid]; a[mid] = a[hi]; a[hi] = t; }  // the median of the three now at hi
        const double pivot = a[hi];
        long i = lo;
        for (long j = lo; j < hi; ++j) {
            const double v = a[j];
            a[j] = a[i];
            a[i] = v;
            i += v < pivot;
        }
        a[hi] = a[i];
        a[i] = pivot;
        if (k == i) return pivot;
        if (k < i) hi = i - 1;
        else lo = i + 1;
    }
    for (long i = lo + 1; i <= hi; ++i) {
        const double v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            --j;
        }
        a[j + 1] = v;
    }
    return a[k];
}

// numpy's median of the w values from x on (the mean of the two middle ones for even w; NaN when one is NaN), by
// selection on a copy in `scratch`: O(w) per window instead of a sort's O(w log w).
INLINE double window_median(const double *x, long w, double *scratch) {
    int nan = 0;
    for (long k = 0; k < w; ++k) {
        scratch[k] = x[k];
        nan |= x[k] != x[k];
    }
    if (nan) return NAN;
    const double upper = select_kth(scratch, w, w / 2);
    if (w % 2 == 1) return upper;
    double lower = scratch[0];  // the largest of the w/2 values selection left below the upper middle
    for (long k = 1; k < w / 2; ++k) lower = scratch[k] > lower ? scratch[k] : lower;
    return 0.5 * (lower + upper);
}

#if defined(__x86_64__)
// numpy's median of a window by selection with AVX-512's compress: each pass splits the values into those below and
// above a pivot (the median of three, of three medians of three on the first passes) by two compares and two
// compressed stores per 16 floats or 8 doubles, with no data-dependent branch inside a pass, into the two buffers
// the last pass did not read. Float32 rows are read as they are (ordering float32 values is ordering their
// float64 widenings). The result is the same order statistic as `window_median`'s (exact; a window holding both
// +0 and −0 may give the other zero), about twice as fast on windows of ~100 (DASCore's stepped rolling median).
#define WIDE_MEDIAN(NAME, T, VEC, LANES, MASK, FULL, LOADZ, CMP, COMPRESS, STORE, SET1, MAXMASK, REDUCEMAX)          \
    __attribute__((target("avx512f"))) static T NAME##_kth(const T *x, long n, long k, T *buffers) {                  \
        const T *a = x;                                                                                            \
        const long stride = n + LANES; /* three buffers of the first pass's size (stores overrun by < LANES) */   \
        int current = -1; /* the buffer `a` is in (-1: the input) */                                               \
        while (n > 1) {                                                                                            \
            T p;                                                                                                   \
            if (n >= 40) {                                                                                         \
                const long e = n / 8;                                                                              \
                p = MED3(MED3(a[0], a[e], a[2 * e]), MED3(a[3 * e], a[4 * e], a[5 * e]),                          \
                         MED3(a[6 * e], a[7 * e], a[n - 1]));                                                      \
            } else {                                                                                               \
                p = MED3(a[0], a[n / 2], a[n - 1]);                                                                \
            }                                                                                                      \
            const VEC vp = SET1(p);                                                                                \
            const int lower = (current + 1) % 3, upper = (current + 2) % 3; /* the two `a` is not in */           \
            T *below = buffers + lower * stride, *above = buffers + upper * stride;                                \
            long nb = 0, na = 0;                                                                                   \
            for (long i = 0; i < n; i += LANES) {                                                                  \
                const MASK m = n - i >= LANES ? (MASK)FULL : (MASK)((1u << (n - i)) - 1);                          \
                const VEC v = LOADZ(m, a + i);                                                                     \
                const MASK lt = CMP(m, v, vp, _CMP_LT_OQ), gt = CMP(m, v, vp, _CMP_GT_OQ);                         \
                STORE(below + nb, COMPRESS(lt, v));                                                                \
                STORE(above + na, COMPRESS(gt, v));                                                                \
                nb += __builtin_popcount(lt);                                                                      \
                na += __builtin_popcount(gt);                                                                      \
            }                                                                                                      \
            if (k < nb) {                                                                                          \
                a = below;                                                                                         \
                n = nb;                                                                                            \
                current = lower;                                                                                   \
            } else if (k < n - na) {                                                                               \
                return p;                                                                                          \
            } else {                                                                                               \
                k -= n - na;                                                                                       \
                a = above;                                                                                         \
                n = na;                                                                                            \
                current = upper;                                                                                   \
            }                                                                                                      \
        }                                                                                                          \
        return a[0];                                                                                               \
    }                                                                                                              \
    /* NaN when the window holds one; else the upper middle by selection, and for an even w the lower middle: the */ \
    /* largest value below the upper one, or the upper one itself when fewer than w/2 values lie below it. */       \
    __attribute__((target("avx512f"))) static double NAME(const T *x, long w, T *buffers) {                          \
        MASK nan = 0;                                                                                              \
        for (long i = 0; i < w; i += LANES) {                                                                      \
            const MASK m = w - i >= LANES ? (MASK)FULL : (MASK)((1u << (w - i)) - 1);                              \
            const VEC v = LOADZ(m, x + i);                                                                         \
            nan |= CMP(m, v, v, _CMP_UNORD_Q);                                                                     \
        }                                                                                                          \
        if (nan) return NAN;                                                                                       \
        const T upper = NAME##_kth(x, w, w / 2, buffers);                                                          \
        if (w % 2 == 1) return (double)upper;                                                                      \
        const VEC vu = SET1(upper);                                                                                \
        VEC most = SET1(-INFINITY);                                                                                \
        long below = 0;                                                                                            \
        for (long i = 0; i < w; i += LANES) {                                                                      \
            const MASK m = w - i >= LANES ? (MASK)FULL : (MASK)((1u << (w - i)) - 1);                              \
            const VEC v = LOADZ(m, x + i);                                                                         \
            const MASK lt = CMP(m, v, vu, _CMP_LT_OQ);                                                             \
            below += __builtin_popcount(lt);                                                                       \
            most = MAXMASK(most, lt, most, v);                                                                     \
        }                                                                                                          \
        const double lower = below >= w / 2 ? (double)REDUCEMAX(most) : (double)upper;                            \
        return 0.5 * (lower + (double)upper);                                                                      \
    }
#define MED3(p0, p1, p2) ((p0) < (p1) ? ((p1) < (p2) ? (p1) : ((p0) < (p2) ? (p2) : (p0)))                          \
                                      : ((p0) < (p2) ? (p0) : ((p1) < (p2) ? (p2) : (p1))))
WIDE_MEDIAN(wide_median_float, float, __m512, 16, __mmask16, 0xFFFF, _mm512_maskz_loadu_ps, _mm512_mask_cmp_ps_mask,
            _mm512_maskz_compress_ps, _mm512_storeu_ps, _mm512_set1_ps, _mm512_mask_max_ps, _mm512_reduce_max_ps)
WIDE_MEDIAN(wide_median_double, double, __m512d, 8, __mmask8, 0xFF, _mm512_maskz_loadu_pd, _mm512_mask_cmp_pd_mask,
            _mm512_maskz_compress_pd, _mm512_storeu_pd, _mm512_set1_pd, _mm512_mask_max_pd, _mm512_reduce_max_pd)

// The medians of row r's kept windows with AVX-512 (`wide_median_*`), its float32 values read as they are.
__attribute__((target("avx512f"))) static void wide_medians(const void *x, int x_single, double *y, long r, long n,
                                                             long w, long a0, long step, long lowest, long highest) {
    if (x_single) {
        float *buffers = aligned_alloc(64, (size_t)(3 * (w + 16) * sizeof(float) + 63) / 64 * 64);
        const float *row = (const float *)x + r * n + a0;
        for (long i = lowest; i <= highest; ++i) y[i] = wide_median_float(row + i * step, w, buffers);
        free(buffers);
    } else {
        double *buffers = aligned_alloc(64, (size_t)(3 * (w + 8) * sizeof(double) + 63) / 64 * 64);
        const double *row = (const double *)x + r * n + a0;
        for (long i = lowest; i <= highest; ++i) y[i] = wide_median_double(row + i * step, w, buffers);
        free(buffers);
    }
}
#endif

// `wide_select`: medians by `wide_medians` (AVX-512 dispatch level on a processor that has it).
INLINE void rolling_rows(const void *x, int x_single, double *out, long rows, long n, long before, long after,
                         long first, long step, int statistic, int wide_select) {
    const long m = first < n ? (n - first + step - 1) / step : 0;
    for (long i = 0; i < rows * m; ++i) out[i] = NAN;
    const long w = before + after + 1;
    if (m == 0 || n < w) return;
    long lowest = (before - first + step - 1) / step;
    if (before - first <= 0) lowest = 0;
    const long highest = n - 1 - after - first >= 0 ? (n - 1 - after - first) / step : -1;
    if (lowest > highest) return;
    const int direct = step * 4 >= w;  // windows barely overlap: read each kept window on its own
    double *wide = scratch_doubles(n), *p = scratch_doubles(2 * (n + 1 + V));
    const double scale = 1.0 / (double)w;
    for (long r = 0; r < rows; ++r) {
        double *y = out + r * m;
        const double *row;
        if (statistic == 0) {
            if (direct) {
                // Windows that barely overlap, summed from the row as it is stored (no widened copy: the read of
                // the chunk is the cost). When the window is q ≥ 2 steps long (DASCore's window 100, step 50),
                // each step-long block is summed once and a window adds its q blocks: every value read once.
                const void *source = x_single ? (const void *)((const float *)x + r * n)
                                              : (const void *)((const double *)x + r * n);
                const long a0 = first - before, q = w / step;
                if (w % step == 0 && q >= 2) {
                    double *blocks = wide;  // block j is [a0 + j·step, a0 + (j + 1)·step)
                    for (long j = lowest; j <= highest + q - 1; ++j)
                        blocks[j - lowest] = stored_window_sum(source, x_single, a0 + j * step, step);
                    for (long i = lowest; i <= highest; ++i) {
                        double total = blocks[i - lowest];
                        for (long l = 1; l < q; ++l) total += blocks[i - lowest + l];
                        y[i] = total * scale;
                    }
                } else {
                    for (long i = lowest; i <= highest; ++i)
                        y[i] = stored_window_sum(source, x_single, a0 + i * step, w) * scale;
                }
                continue;
            }
            prefix_sums(x, x_single, r, n, p, 0);
            if (step == 1) {
                const long a0 = first - before;  // y[i] = (p[a + w] − p[a]) · scale, a = a0 + i
                long i = lowest;
                for (; i + V <= highest + 1; i += V) {
                    vd v = (load(p + a0 + i + w) - load(p + a0 + i)) * splat(scale);
                    memcpy(y + i, &v, sizeof v);
                }
                for (; i <= highest; ++i) y[i] = (p[a0 + i + w] - p[a0 + i]) * scale;
            } else {
                for (long i = lowest; i <= highest; ++i) {
                    const long a = first + i * step - before;
                    y[i] = (p[a + w] - p[a]) * scale;
                }
            }
            continue;
        }
        if (statistic == 4) {
            row = row_of(x, x_single, r, n, wide);
            if (direct) {
                for (long i = lowest; i <= highest; ++i) y[i] = window_deviation(row + first + i * step - before, w);
                continue;
            }
            // Prefix sums of the values less the row's first value (a shift that keeps the sums small for data with
            // an offset) and of their squares: rounding error ~1e-16 of the row's spread squared.
            double *p2 = p + n + 1 + V;
            const double shift = row[0];
            double sum = 0, sum2 = 0;
            p[0] = p2[0] = 0;
            for (long k = 0; k < n; ++k) {
                const double d = row[k] - shift;
                sum += d;
                sum2 += d * d;
                p[k + 1] = sum;
                p2[k + 1] = sum2;
            }
            for (long i = lowest; i <= highest; ++i) {
                const long a = first + i * step - before;
                const double mean = (p[a + w] - p[a]) * scale;
                const double variance = (p2[a + w] - p2[a]) * scale - mean * mean;
                y[i] = sqrt(variance > 0 ? variance : 0);
            }
            continue;
        }
        if (statistic == 3) {
#if defined(__x86_64__)
            if (wide_select) {
                wide_medians(x, x_single, y, r, n, w, first - before, step, lowest, highest);
                continue;
            }
#else
            (void)wide_select;
#endif
            row = row_of(x, x_single, r, n, wide);
            for (long i = lowest; i <= highest; ++i) y[i] = window_median(row + first + i * step - before, w, p);
            continue;
        }
        const int largest = statistic == 1;
        if (direct) {
            row = row_of(x, x_single, r, n, wide);
            for (long i = lowest; i <= highest; ++i) y[i] = window_extreme(row + first + i * step - before, w, largest);
            continue;
        }
        const int nans = padded_row(x, x_single, r, n, 0, 0, largest, wide);
        const long q = doubling(wide, n, w, largest, nans), shift = w - q;
        const long a0 = first - before;
        if (step == 1) {
            long i = lowest;
            for (; i + V <= highest + 1; i += V) {
                vd v = better(load(wide + a0 + i), load(wide + a0 + i + shift), largest, nans);
                memcpy(y + i, &v, sizeof v);
            }
            for (; i <= highest; ++i) y[i] = better1(wide[a0 + i], wide[a0 + i + shift], largest, nans);
        } else {
            for (long i = lowest; i <= highest; ++i) {
                const long a = a0 + i * step;
                y[i] = better1(wide[a], wide[a + shift], largest, nans);
            }
        }
    }
    free(wide);
    free(p);
}

// ---- small medians (scipy.ndimage.median_filter, mode 'reflect') ---------------------------------------------------
//
// The median of every height × width window (h·w ≤ 15), eight outputs at a time: the window's values as h·w vectors
// sorted lane by lane by an odd-even transposition network (min and max, no branches), the middle one kept (the
// upper middle for an even count, as scipy). Exact: the result is one of the inputs.

INLINE long reflected(long i, long n) {
    const long period = 2 * n;
    long k = ((i % period) + period) % period;
    return k >= n ? period - 1 - k : k;
}

// Row i's h source rows, each extended by width/2 reflected values at both ends (into `buffer`), or the rows
// themselves when width is 1.
INLINE void source_rows(const double *x, long rows, long n, long i, long height, long width, double *buffer,
                        const double **source) {
    const long half = width / 2, ext = n + width - 1;
    for (long j = 0; j < height; ++j) {
        const double *row = x + reflected(i + j - height / 2, rows) * n;
        if (width == 1) {
            source[j] = row;
            continue;
        }
        double *e = buffer + j * (ext + V);
        for (long c = 0; c < half && c < ext; ++c) e[c] = row[reflected(c - half, n)];
        if (n > 0) memcpy(e + half, row, (size_t)n * sizeof(double));
        for (long c = half + n; c < ext; ++c) e[c] = row[reflected(c - half, n)];
        source[j] = e;
    }
}

// COUNT (a constant once inlined) values a window.
INLINE void small_medians_of(const double *x, double *out, long rows, long n, long height, long width,
                             const long COUNT) {
    double *buffer = scratch_doubles(height * (n + width - 1 + V));
    for (long i = 0; i < rows; ++i) {
        const double *source[15];
        source_rows(x, rows, n, i, height, width, buffer, source);
        double *y = out + i * n;
        long t = 0;
        for (; t + V <= n; t += V) {
            vd v[15];
            long k = 0;
            for (long j = 0; j < height; ++j)
                for (long b = 0; b < width; ++b) v[k++] = load(source[j] + t + b);
            for (long round = 0; round < COUNT; ++round) {
                for (long a = round & 1; a + 1 < COUNT; a += 2) {
                    const vl less = v[a] < v[a + 1];
                    const vd low = blend(less, v[a], v[a + 1]);
                    v[a + 1] = blend(less, v[a + 1], v[a]);
                    v[a] = low;
                }
            }
            memcpy(y + t, &v[COUNT / 2], sizeof(vd));
        }
        for (; t < n; ++t) {
            double w[15];
            long k = 0;
            for (long j = 0; j < height; ++j)
                for (long b = 0; b < width; ++b) w[k++] = source[j][t + b];
            for (long round = 0; round < COUNT; ++round) {
                for (long a = round & 1; a + 1 < COUNT; a += 2) {
                    if (w[a + 1] < w[a]) {
                        const double s = w[a];
                        w[a] = w[a + 1];
                        w[a + 1] = s;
                    }
                }
            }
            y[t] = w[COUNT / 2];
        }
    }
    free(buffer);
}

INLINE void small_medians(const double *x, double *out, long rows, long n, long height, long width) {
    switch (height * width) {
    case 1: memcpy(out, x, (size_t)(rows * n) * sizeof(double)); return;
    case 2: small_medians_of(x, out, rows, n, height, width, 2); return;
    case 3: small_medians_of(x, out, rows, n, height, width, 3); return;
    case 4: small_medians_of(x, out, rows, n, height, width, 4); return;
    case 5: small_medians_of(x, out, rows, n, height, width, 5); return;
    case 6: small_medians_of(x, out, rows, n, height, width, 6); return;
    case 7: small_medians_of(x, out, rows, n, height, width, 7); return;
    case 8: small_medians_of(x, out, rows, n, height, width, 8); return;
    case 9: small_medians_of(x, out, rows, n, height, width, 9); return;
    case 10: small_medians_of(x, out, rows, n, height, width, 10); return;
    case 11: small_medians_of(x, out, rows, n, height, width, 11); return;
    case 12: small_medians_of(x, out, rows, n, height, width, 12); return;
    case 13: small_medians_of(x, out, rows, n, height, width, 13); return;
    case 14: small_medians_of(x, out, rows, n, height, width, 14); return;
    default: small_medians_of(x, out, rows, n, height, width, 15); return;
    }
}

// ---- dispatch ------------------------------------------------------------------------------------------------------

#if defined(__x86_64__)
static int best_level(int level) {
    __builtin_cpu_init();  // idempotent; the model may not be read yet when nothing else asked for it
    if (level <= DIST_SLIDING_BEST && __builtin_cpu_supports("avx512f")) return 512;
    if (level <= DIST_SLIDING_AVX2 && __builtin_cpu_supports("avx2")) return 256;
    return 128;
}
#define DISPATCH(LEVEL, NAME, ...)                                                                                     \
    switch (best_level(LEVEL)) {                                                                                       \
    case 512: NAME##_avx512(__VA_ARGS__); break;                                                                       \
    case 256: NAME##_avx2(__VA_ARGS__); break;                                                                         \
    default: NAME##_base(__VA_ARGS__); break;                                                                          \
    }                                                                                                                  \
    _mm_sfence(); /* the non-temporal stores reach memory before anyone reads the output */
#define TARGETED(NAME, BODY, ...)                                                                                      \
    __attribute__((target("avx512f"))) static void NAME##_avx512(__VA_ARGS__) { BODY; }                              \
    __attribute__((target("avx2"))) static void NAME##_avx2(__VA_ARGS__) { BODY; }                                   \
    static void NAME##_base(__VA_ARGS__) { BODY; }
#else
static int best_level(int level) { (void)level; return 128; }
#define DISPATCH(LEVEL, NAME, ...) NAME##_base(__VA_ARGS__);
#define TARGETED(NAME, BODY, ...) static void NAME##_base(__VA_ARGS__) { BODY; }
#endif

int dist_sliding_vector_bits(int level) { return best_level(level); }

TARGETED(means, means_rows(x, xs, o, os, rows, n, lo, up), const void *x, int xs, void *o, int os, long rows, long n,
         long lo, long up)
TARGETED(extrema, extrema_rows(x, xs, o, os, rows, n, lo, up, big), const void *x, int xs, void *o, int os, long rows,
         long n, long lo, long up, int big)
TARGETED(ranges, largest_range_rows(x, xs, o, rows, n, lo, up), const void *x, int xs, double *o, long rows, long n,
         long lo, long up)
TARGETED(stalta, sta_lta_rows(x, xs, o, os, rows, n, s, l), const void *x, int xs, void *o, int os, long rows, long n,
         long s, long l)
TARGETED(trailing, trailing_ratio_rows(x, xs, o, os, rows, n, s, l), const void *x, int xs, void *o, int os,
         long rows, long n, long s, long l)
TARGETED(medians, small_medians(x, o, rows, n, h, w), const double *x, double *o, long rows, long n, long h, long w)
TARGETED(rolling, rolling_rows(x, xs, o, rows, n, b, a, f, st, stat, ws), const void *x, int xs, double *o, long rows,
         long n, long b, long a, long f, long st, int stat, int ws)

void dist_window_means(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                       long upper, int level) {
    DISPATCH(level, means, x, x_single, out, out_single, rows, n, lower, upper)
}

void dist_window_extrema(const void *x, int x_single, void *out, int out_single, long rows, long n, long lower,
                         long upper, int largest, int level) {
    DISPATCH(level, extrema, x, x_single, out, out_single, rows, n, lower, upper, largest)
}

void dist_window_largest_range(const void *x, int x_single, double *out, long rows, long n, long lower, long upper,
                               int level) {
    DISPATCH(level, ranges, x, x_single, out, rows, n, lower, upper)
}

void dist_sta_lta(const void *x, int x_single, void *out, int out_single, long rows, long n, long sta, long lta,
                  int level) {
    DISPATCH(level, stalta, x, x_single, out, out_single, rows, n, sta, lta)
}

void dist_trailing_mean_ratio(const void *x, int x_single, void *out, int out_single, long rows, long n, long short_,
                              long long_, int level) {
    DISPATCH(level, trailing, x, x_single, out, out_single, rows, n, short_, long_)
}

void dist_rolling(const void *x, int x_single, double *out, long rows, long n, long before, long after, long first,
                  long step, int statistic, int level) {
    const int wide_select = statistic == 3 && best_level(level) == 512;
    DISPATCH(level, rolling, x, x_single, out, rows, n, before, after, first, step, statistic, wide_select)
}

void dist_small_medians(const double *x, double *out, long rows, long n, long height, long width, int level) {
    DISPATCH(level, medians, x, out, rows, n, height, width)
}
