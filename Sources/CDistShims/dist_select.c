// Hand-written: the median of a row by radix selection, O(n) with no data-dependent branches in its hot loops.
// numpy's median partitions (introselect); a quickselect in Swift mispredicts about one branch per comparison on
// noisy data. Here each value becomes an unsigned key whose integer order is the floating-point order (flip all bits
// of negatives, the sign bit of the rest), and the rank wanted is found a digit at a time: a histogram of the top 11
// bits of the keys finds the bucket holding that rank, the keys in it are kept, and the next 11 bits of those are
// counted, until a few keys are left (sorted by insertion) or every bit is fixed. On DAS data the first bucket keeps
// a few percent of the row, so the work is about two passes over it. The values selected are the ones a sorting
// median picks, so the medians are those of numpy.nanmedian bit for bit (−0 and +0 are ordered −0 first, which a
// comparison sort leaves in either order: the same median value up to the sign of a zero).
#include "dist_select.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BITS 11
#define BINS (1 << BITS)
#define SMALL 48

static inline uint32_t key32(float f) {
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

static inline float value32(uint32_t k) {
    uint32_t u = (k & 0x80000000u) ? (k & 0x7fffffffu) : ~k;
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static inline uint64_t key64(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return (u & 0x8000000000000000ull) ? ~u : (u | 0x8000000000000000ull);
}

static inline double value64(uint64_t k) {
    uint64_t u = (k & 0x8000000000000000ull) ? (k & 0x7fffffffffffffffull) : ~k;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

// SELECT(name, K, WIDTH): `K name(K *keys, long n, long rank, K *work)`: the key of rank `rank` (0-based) among the
// n keys (left unchanged); `work` holds n keys.
#define SELECT(name, K, WIDTH)                                                                                       \
    static K name(const K *keys, long n, long rank, K *work) {                                                       \
        uint32_t hist[BINS];                                                                                         \
        const K *from = keys;                                                                                        \
        int shift = WIDTH;                                                                                           \
        while (n > SMALL && shift > 0) {                                                                             \
            int bits = shift < BITS ? shift : BITS;                                                                  \
            shift -= bits;                                                                                           \
            const K mask = ((K)1 << bits) - 1;                                                                       \
            memset(hist, 0, sizeof(uint32_t) << bits);                                                               \
            for (long i = 0; i < n; i++) hist[(from[i] >> shift) & mask]++;                                          \
            long bucket = 0;                                                                                         \
            while (rank >= (long)hist[bucket]) rank -= hist[bucket++];                                               \
            long kept = 0;                                                                                           \
            for (long i = 0; i < n; i++) {                                                                           \
                K k = from[i];                                                                                       \
                work[kept] = k;                                                                                      \
                kept += (long)(((k >> shift) & mask) == (K)bucket);                                                  \
            }                                                                                                        \
            n = kept;                                                                                                \
            from = work;                                                                                             \
            if (shift == 0) return work[0]; /* every bit fixed: the kept keys are equal */                           \
        }                                                                                                            \
        if (from != work) memcpy(work, from, (size_t)n * sizeof(K));                                                 \
        for (long i = 1; i < n; i++) {                                                                               \
            K k = work[i];                                                                                           \
            long j = i;                                                                                              \
            for (; j > 0 && work[j - 1] > k; j--) work[j] = work[j - 1];                                             \
            work[j] = k;                                                                                             \
        }                                                                                                            \
        return work[rank];                                                                                           \
    }

SELECT(select32, uint32_t, 32)
SELECT(select64, uint64_t, 64)

// MEDIAN(name, T, K, KEY, VALUE, SELECT): the nanmedian of x[0..n) with `keys` and `work` scratch of n keys each.
// For an even count the lower middle is the largest key below the upper middle's — unless enough keys equal it.
#define MEDIAN(name, T, K, KEY, VALUE, SELECTK)                                                                      \
    static double name(const T *x, long n, K *keys, K *work) {                                                       \
        long count = 0;                                                                                              \
        for (long i = 0; i < n; i++) {                                                                               \
            keys[count] = KEY(x[i]);                                                                                 \
            count += (long)(x[i] == x[i]);                                                                           \
        }                                                                                                            \
        if (count == 0) return NAN;                                                                                  \
        long mid = count / 2;                                                                                        \
        K upper = SELECTK(keys, count, mid, work);                                                                   \
        if (count % 2) return (double)VALUE(upper);                                                                  \
        K below = 0;                                                                                                 \
        long under = 0;                                                                                              \
        for (long i = 0; i < count; i++) {                                                                           \
            K k = keys[i];                                                                                           \
            K candidate = k < upper ? k : 0;                                                                         \
            below = candidate > below ? candidate : below;                                                           \
            under += (long)(k < upper);                                                                              \
        }                                                                                                            \
        K lower = under >= mid ? below : upper;                                                                      \
        return ((double)VALUE(lower) + (double)VALUE(upper)) / 2;                                                    \
    }

MEDIAN(median32, float, uint32_t, key32, value32, select32)
MEDIAN(median64, double, uint64_t, key64, value64, select64)

double dist_median(const void *x, int single, long n) {
    if (n <= 0) return NAN;
    size_t width = single ? sizeof(uint32_t) : sizeof(uint64_t);
    void *scratch = malloc(2 * (size_t)n * width);
    if (!scratch) abort();
    double m = single ? median32(x, n, scratch, (uint32_t *)scratch + n)
                      : median64(x, n, scratch, (uint64_t *)scratch + n);
    free(scratch);
    return m;
}

void dist_subtract_row_medians(const void *x, int x_single, void *out, int out_single, long rows, long n) {
    if (rows <= 0 || n <= 0) return;
    size_t width = x_single ? sizeof(uint32_t) : sizeof(uint64_t);
    void *scratch = malloc(2 * (size_t)n * width);
    if (!scratch) abort();
    for (long r = 0; r < rows; r++) {
        const float *xs = (const float *)x + r * n;
        const double *xd = (const double *)x + r * n;
        double m = x_single ? median32(xs, n, scratch, (uint32_t *)scratch + n)
                            : median64(xd, n, scratch, (uint64_t *)scratch + n);
        if (out_single) {
            float *o = (float *)out + r * n;
            if (x_single) for (long i = 0; i < n; i++) o[i] = (float)((double)xs[i] - m);
            else for (long i = 0; i < n; i++) o[i] = (float)(xd[i] - m);
        } else {
            double *o = (double *)out + r * n;
            if (x_single) for (long i = 0; i < n; i++) o[i] = (double)xs[i] - m;
            else for (long i = 0; i < n; i++) o[i] = xd[i] - m;
        }
    }
    free(scratch);
}
