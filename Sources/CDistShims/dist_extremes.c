// Hand-written: min and max of an array in one pass, for distpy's `rescale` (min and max of the chunk, then a map).
// The plain loop (`if v < low { low = v }`) is a chain of compares and selects the compiler does not vectorise
// (its NaN and ±0 rules are not those of a min/max instruction): 10 M float32 values took ~6 ms, more than numpy's
// whole rescale. Here 16 floats (8 doubles) a step, each lane keeping its own first smallest and largest value by
// the same strict comparisons; the lanes are then reduced in order. The result is the scalar loop's, bit for bit:
// - NaN: a lane starting from a number never takes a NaN (the comparisons are false); every lane starts from x[0],
//   so when x[0] is NaN every lane stays NaN, as the scalar loop's low and high do;
// - ±0: the scalar loop ends at the first element equal to the extreme value; the lanes give the value, and when
//   it is zero a scan for the first zero gives its sign (rare: the extreme of a chunk is seldom exactly 0).
// Compiled for AVX-512, AVX2 and the x86-64 baseline, chosen at run time as dist_sliding.c.
#include "dist_extremes.h"
#include "dist_dispatch.h"  // DISPATCH: the vector level this processor resolves to

#include <string.h>

#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

// The first element equal to 0 (the loop's pick when the extreme is a zero of either sign).
#define FIRST_ZERO(T)                                                                                                  \
    INLINE T first_zero_##T(const T *x, long n) {                                                                      \
        for (long i = 0; i < n; ++i)                                                                                   \
            if (x[i] == 0) return x[i];                                                                                \
        return 0;                                                                                                      \
    }
FIRST_ZERO(float)
FIRST_ZERO(double)

// LANES lanes of T in a vector VT with the integer mask type VM of the same width.
#define EXTREMES(T, VT, VM, LANES)                                                                                     \
    typedef T VT __attribute__((vector_size(sizeof(T) * LANES)));                                                      \
    typedef VM##_elem VM __attribute__((vector_size(sizeof(T) * LANES)));                                              \
    INLINE void extremes_##T(const T *x, long n, T *low_out, T *high_out) {                                            \
        VT low, high;                                                                                                  \
        for (int k = 0; k < LANES; ++k) low[k] = high[k] = x[0];                                                       \
        long i = 0;                                                                                                    \
        for (; i + LANES <= n; i += LANES) {                                                                           \
            VT v;                                                                                                      \
            memcpy(&v, x + i, sizeof v);                                                                               \
            const VM below = (VM)(v < low), above = (VM)(v > high);                                                    \
            low = (VT)(((VM)v & below) | ((VM)low & ~below));                                                          \
            high = (VT)(((VM)v & above) | ((VM)high & ~above));                                                        \
        }                                                                                                              \
        T l = low[0], h = high[0];                                                                                     \
        for (int k = 1; k < LANES; ++k) {                                                                              \
            if (low[k] < l) l = low[k];                                                                                \
            if (high[k] > h) h = high[k];                                                                              \
        }                                                                                                              \
        for (; i < n; ++i) {                                                                                           \
            if (x[i] < l) l = x[i];                                                                                    \
            if (x[i] > h) h = x[i];                                                                                    \
        }                                                                                                              \
        if (l == 0) l = first_zero_##T(x, n);                                                                          \
        if (h == 0) h = first_zero_##T(x, n);                                                                          \
        *low_out = l;                                                                                                  \
        *high_out = h;                                                                                                 \
    }
typedef int vmf_elem;
typedef long long vmd_elem;
EXTREMES(float, vf, vmf, 16)
EXTREMES(double, vd, vmd, 8)

#if defined(__x86_64__)
#define TARGETED(T)                                                                                                    \
    __attribute__((target("avx512f"))) static void T##_avx512(const T *x, long n, T *l, T *h) {                     \
        extremes_##T(x, n, l, h);                                                                                      \
    }                                                                                                                  \
    __attribute__((target("avx2"))) static void T##_avx2(const T *x, long n, T *l, T *h) { extremes_##T(x, n, l, h); } \
    static void T##_base(const T *x, long n, T *l, T *h) { extremes_##T(x, n, l, h); }
#else
#define TARGETED(T)                                                                                                    \
    static void T##_base(const T *x, long n, T *l, T *h) { extremes_##T(x, n, l, h); }
#endif

TARGETED(float)
TARGETED(double)

void dist_extremes_float(const float *x, long n, float *low, float *high, int level) {
    DISPATCH(level, float, x, n, low, high)
}

void dist_extremes_double(const double *x, long n, double *low, double *high, int level) {
    DISPATCH(level, double, x, n, low, high)
}
