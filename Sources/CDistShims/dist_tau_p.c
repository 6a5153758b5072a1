// Hand-written: one channel's term of the linear τ-p transform (slant stack), in SIMD lanes across τ. The plain loop
// interpolates the row at s = τ + shift for each τ; the lanes compute s, its integer part and weight exactly as it
// does (float64, no fused multiply-adds), so the sums are its bits. The samples read are contiguous in practice
// (i = τ + the integer part of shift, unless rounding of τ + shift crosses an integer): a block of lanes loads
// them contiguously when it has checked that, so that every τ reads exactly the sample the plain loop reads. The range of τ is found first by the plain
// loop's own tests (s >= 0 skips, i + 1 >= n stops), which are monotone in τ. Compiled for AVX-512 (with DQ, for the
// float64 → int64 conversion), AVX2 and the x86-64 baseline, chosen at run time.
#include "dist_tau_p.h"

#include <math.h>
#include <stddef.h>

#pragma STDC FP_CONTRACT OFF

// Blocks of 8 τ: where the 8 integer parts are consecutive (almost always) the lanes load contiguous samples;
// otherwise the block runs the plain loop. Either way each τ gets exactly the plain loop's s, i and w.
#define ROW_LOOP(TX)                                                                                                   \
    long tau = lo;                                                                                                     \
    for (; tau + 8 <= hi; tau += 8) {                                                                                  \
        long i0 = (long)((double)tau + shift);                                                                         \
        int consecutive = 1;                                                                                           \
        for (int l = 0; l < 8; l++) consecutive &= (long)((double)(tau + l) + shift) == i0 + l;                        \
        if (consecutive) {                                                                                             \
            const TX *a = xr + i0;                                                                                     \
            double *t = y + tau;                                                                                       \
            for (int l = 0; l < 8; l++) {                                                                              \
                double s = (double)(tau + l) + shift;                                                                  \
                double w = s - (double)(i0 + l);                                                                       \
                t[l] += (1 - w) * (double)a[l] + w * (double)a[l + 1];                                                 \
            }                                                                                                          \
            continue;                                                                                                  \
        }                                                                                                              \
        for (long u = tau; u < tau + 8; u++) {                                                                         \
            double s = (double)u + shift;                                                                              \
            long i = (long)s;                                                                                          \
            double w = s - (double)i;                                                                                  \
            y[u] += (1 - w) * (double)xr[i] + w * (double)xr[i + 1];                                                  \
        }                                                                                                              \
    }                                                                                                                  \
    for (; tau < hi; tau++) {                                                                                          \
        double s = (double)tau + shift;                                                                                \
        long i = (long)s;                                                                                              \
        double w = s - (double)i;                                                                                      \
        y[tau] += (1 - w) * (double)xr[i] + w * (double)xr[i + 1];                                                    \
    }

static inline __attribute__((always_inline)) void add_row(const void *x, int x_single, double *y, long n,
                                                          double shift) {
    // The first τ with s >= 0 (s rises with τ: start below it and step up).
    long lo = shift >= 0 ? 0 : (long)ceil(-shift) - 2;
    if (lo < 0) lo = 0;
    while (lo < n && (double)lo + shift < 0) lo++;
    // The first τ from lo on whose i + 1 >= n: where the plain loop stops.
    double estimate = floor((double)n - 2 - shift) - 2;
    long hi = estimate > (double)lo ? (long)estimate : lo;
    if (hi > n) hi = n;
    while (hi > lo && (long)((double)hi + shift) + 1 >= n) hi--;  // the estimate may be one too far
    while (hi < n && (long)((double)hi + shift) + 1 < n) hi++;
    if (x_single) {
        const float *xr = x;
        ROW_LOOP(float)
    } else {
        const double *xr = x;
        ROW_LOOP(double)
    }
}

// Channel by channel, every slowness's two rows: each channel's row is read from memory once and the 2·ns output
// rows stay in cache. Each output row still gets its channels' terms in the plain loop's order (channel 0, 1, … for
// +p; nx − 1, nx − 2, … for −p), so the sums are its bits.
static inline __attribute__((always_inline)) void tau_p(const void *x, int xs, double *y, long nx, long nt,
                                                        const double *p, long ns, const double *offsets, double dt) {
    size_t width = xs ? sizeof(float) : sizeof(double);
    for (long ix = 0; ix < nx; ix++) {
        const char *forward = (const char *)x + (size_t)(ix * nt) * width;
        const char *backward = (const char *)x + (size_t)((nx - 1 - ix) * nt) * width;
        for (long ip = 0; ip < ns; ip++) {
            add_row(forward, xs, y + (ip + ns) * nt, nt, p[ip] * offsets[ix] / dt);
            add_row(backward, xs, y + (ns - 1 - ip) * nt, nt, p[ip] * (offsets[nx - 1] - offsets[nx - 1 - ix]) / dt);
        }
    }
}

#define ARGS const void *x, int xs, double *y, long nx, long nt, const double *p, long ns, const double *offsets, double dt
#define PASS x, xs, y, nx, nt, p, ns, offsets, dt

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq"))) static void tau_p_avx512(ARGS) { tau_p(PASS); }
__attribute__((target("avx2"))) static void tau_p_avx2(ARGS) { tau_p(PASS); }
#endif
static void tau_p_base(ARGS) { tau_p(PASS); }

void dist_tau_p(ARGS) {
    if (nt <= 1 || nx <= 0) return;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) { tau_p_avx512(PASS); return; }
    if (__builtin_cpu_supports("avx2")) { tau_p_avx2(PASS); return; }
#endif
    tau_p_base(PASS);
}
