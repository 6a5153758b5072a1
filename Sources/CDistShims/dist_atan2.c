// Hand-written: atan2 over arrays, in C so that one loop is compiled for AVX-512, AVX2 and the baseline and chosen at
// run time (the pattern of dist_iir.c). glibc's atan2 is a scalar call per element with branches on the argument
// range; here the argument reduction is done with selects instead of branches, so the compiler runs 4 or 8 elements
// per instruction. The polynomial is Cephes' atan (rational, |error| ≲ 1e-16 on [0, 0.66]) after its reduction:
//   |y| > tan(3π/8)|x|:  π/2 + atan(-|x|/|y|);   |y| ≤ 0.66|x|:  atan(|y|/|x|);   else  π/4 + atan((|y|-|x|)/(|y|+|x|)).
// Then π − a where x < 0 (or x = -0), and the sign of y. Cases the selects do not cover (both parts infinite: the
// reduction gives inf/inf) come out NaN and are redone by glibc in a second pass over the block.
#include "dist_atan2.h"
#include <math.h>

#define T3P8 2.41421356237309504880
#define MOREBITS 6.123233995736765886130E-17
#define PIO2 1.57079632679489661923
#define PIO4 0.78539816339744830962
#define PI_HI 3.14159265358979311600
#define PI_LO 1.22464679914735317723E-16

static inline __attribute__((always_inline)) double angle(double re, double im) {
    const double y = im == 0 ? 0.0 : im;  // -0 counts as +0
    const double ax = fabs(re), ay = fabs(y);
    const int far = ay > T3P8 * ax, near = ay <= 0.66 * ax;
    const double num = far ? -ax : (near ? ay : ay - ax);
    const double den = far ? ay : (near ? (ax == 0 ? 1.0 : ax) : ay + ax);
    const double t = num / den, z = t * t;
    const double p = (((-8.750608600031904122785E-1 * z - 1.615753718733365076637E1) * z
                       - 7.500855792314704667340E1) * z - 1.228866684490136173410E2) * z
                     - 6.485021904942025371773E1;
    const double q = ((((z + 2.485846490142306297962E1) * z + 1.650270098316988542046E2) * z
                       + 4.328810604912902668951E2) * z + 4.853903996359136964868E2) * z
                     + 1.945506571482613964425E2;
    const double base = far ? PIO2 : (near ? 0.0 : PIO4);
    const double extra = far ? MOREBITS : (near ? 0.0 : 0.5 * MOREBITS);
    const double a = base + ((t * (z * p / q) + extra) + t);
    const double folded = signbit(re) ? (PI_HI - a) + PI_LO : a;
    return y < 0 ? -folded : folded;
}

#define BLOCK 1024

#define DEFINE_KERNEL(NAME, T)                                                                                  \
    static inline __attribute__((always_inline)) void NAME(const T *restrict pairs, long count,                 \
                                                           double *restrict out) {                               \
        for (long first = 0; first < count; first += BLOCK) {                                                    \
            const long last = first + BLOCK < count ? first + BLOCK : count;                                     \
            for (long i = first; i < last; ++i) out[i] = angle((double)pairs[2 * i], (double)pairs[2 * i + 1]); \
            for (long i = first; i < last; ++i)                                                                  \
                if (isnan(out[i])) {                                                                             \
                    const double im = (double)pairs[2 * i + 1];                                                  \
                    out[i] = atan2(im == 0 ? 0.0 : im, (double)pairs[2 * i]);                                    \
                }                                                                                                \
        }                                                                                                        \
    }

DEFINE_KERNEL(pairs_double, double)
DEFINE_KERNEL(pairs_float, float)

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void pairs_double_avx512(const double *p, long n, double *o) {
    pairs_double(p, n, o);
}
__attribute__((target("avx2,fma"))) static void pairs_double_avx2(const double *p, long n, double *o) {
    pairs_double(p, n, o);
}
__attribute__((target("avx512f"))) static void pairs_float_avx512(const float *p, long n, double *o) {
    pairs_float(p, n, o);
}
__attribute__((target("avx2,fma"))) static void pairs_float_avx2(const float *p, long n, double *o) {
    pairs_float(p, n, o);
}
#endif

void dist_atan2_pairs(const double *pairs, long count, double *out) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { pairs_double_avx512(pairs, count, out); return; }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { pairs_double_avx2(pairs, count, out); return; }
#endif
    pairs_double(pairs, count, out);
}

void dist_atan2_pairs_float(const float *pairs, long count, double *out) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { pairs_float_avx512(pairs, count, out); return; }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { pairs_float_avx2(pairs, count, out); return; }
#endif
    pairs_float(pairs, count, out);
}
