// Hand-written: the zero-phase filter's inner recurrence, in C because Swift cannot compile one function for a wider
// vector unit than the build's baseline (x86-64: SSE2). Compiled three times (AVX-512, AVX2, baseline) and chosen
// at run time. The arithmetic is that of SecondOrderSections.run, in the same order and without fused multiply-adds
// (FP_CONTRACT OFF), so every lane's result is bit for bit the one-channel Swift code's.
#include "dist_iir.h"

#pragma STDC FP_CONTRACT OFF

#define L DIST_IIR_LANES

// One pass over the samples for the whole cascade, with Q (a constant once inlined below) sections' states in
// registers: the buffer is read and written once per direction instead of once per section.
static inline __attribute__((always_inline)) void run_fused(double *restrict s, long count, int reversed,
                                                            const double *restrict c, const double *restrict zi,
                                                            const int Q) {
    double level[L];
    const double *start = reversed ? s + (count - 1) * L : s;
    for (int l = 0; l < L; ++l) level[l] = start[l];
    double z0[8][L], z1[8][L];
    for (int q = 0; q < Q; ++q) {
        for (int l = 0; l < L; ++l) {
            z0[q][l] = zi[2 * q] * level[l];
            z1[q][l] = zi[2 * q + 1] * level[l];
        }
    }
    long i = reversed ? count - 1 : 0;
    const long step = reversed ? -1 : 1;
    for (long t = 0; t < count; ++t, i += step) {
        double *x = s + i * L;
        double v[L];
        for (int l = 0; l < L; ++l) v[l] = x[l];
        for (int q = 0; q < Q; ++q) {
            const double b0 = c[5 * q], b1 = c[5 * q + 1], b2 = c[5 * q + 2], a1 = c[5 * q + 3], a2 = c[5 * q + 4];
            for (int l = 0; l < L; ++l) {
                const double y = b0 * v[l] + z0[q][l];
                z0[q][l] = b1 * v[l] - a1 * y + z1[q][l];
                z1[q][l] = b2 * v[l] - a2 * y;
                v[l] = y;
            }
        }
        for (int l = 0; l < L; ++l) x[l] = v[l];
    }
}

// Section by section (any number of sections): each pass reads and writes the whole buffer.
static inline __attribute__((always_inline)) void run_each(double *restrict s, long count, int reversed,
                                                           const double *restrict c, const double *restrict zi,
                                                           int sections) {
    double level[L];
    const double *start = reversed ? s + (count - 1) * L : s;
    for (int l = 0; l < L; ++l) level[l] = start[l];
    for (int q = 0; q < sections; ++q) {
        const double b0 = c[5 * q], b1 = c[5 * q + 1], b2 = c[5 * q + 2], a1 = c[5 * q + 3], a2 = c[5 * q + 4];
        double z0[L], z1[L];
        for (int l = 0; l < L; ++l) {
            z0[l] = zi[2 * q] * level[l];
            z1[l] = zi[2 * q + 1] * level[l];
        }
        long i = reversed ? count - 1 : 0;
        const long step = reversed ? -1 : 1;
        for (long t = 0; t < count; ++t, i += step) {
            double *x = s + i * L;
            for (int l = 0; l < L; ++l) {
                const double v = x[l];
                const double y = b0 * v + z0[l];
                z0[l] = b1 * v - a1 * y + z1[l];
                z1[l] = b2 * v - a2 * y;
                x[l] = y;
            }
        }
    }
}

static inline __attribute__((always_inline)) void run(double *restrict s, long count, int reversed,
                                                      const double *restrict c, const double *restrict zi,
                                                      int sections) {
    switch (sections) {
    case 1: run_fused(s, count, reversed, c, zi, 1); return;
    case 2: run_fused(s, count, reversed, c, zi, 2); return;
    case 3: run_fused(s, count, reversed, c, zi, 3); return;
    case 4: run_fused(s, count, reversed, c, zi, 4); return;
    default: run_each(s, count, reversed, c, zi, sections); return;
    }
}

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void run_avx512(double *s, long n, int r, const double *c, const double *z,
                                                          int q) { run(s, n, r, c, z, q); }
__attribute__((target("avx2"))) static void run_avx2(double *s, long n, int r, const double *c, const double *z,
                                                     int q) { run(s, n, r, c, z, q); }
#endif

void dist_sos_run_lanes(double *samples, long count, int reversed, const double *coefficients, const double *zi,
                        int sections) {
#if defined(__x86_64__)
    __builtin_cpu_init();  // idempotent; the processor model may not be read yet when nothing else asked for it
    if (__builtin_cpu_supports("avx512f")) { run_avx512(samples, count, reversed, coefficients, zi, sections); return; }
    if (__builtin_cpu_supports("avx2")) { run_avx2(samples, count, reversed, coefficients, zi, sections); return; }
#endif
    run(samples, count, reversed, coefficients, zi, sections);
}

// Rows `starts[lane]` of x (n samples each) extended by `pad` samples at both ends into ext (lanes innermost):
// position pad - 1 - k mirrors x[k + 1] and pad + n + k mirrors x[n - 2 - k] (even), point-mirrored (odd), or the
// end sample repeated (constant), as scipy's even_ext, odd_ext and const_ext.
static void fill(double *restrict ext, const double *restrict x, const long *starts, long n, long pad, int padding) {
    for (int lane = 0; lane < L; ++lane) {
        const double *row = x + starts[lane];
        const double first = row[0], last = row[n - 1];
        for (long k = 0; k < pad; ++k) {
            const double left = row[k + 1], right = row[n - 2 - k];
            double *l = ext + (pad - 1 - k) * L + lane, *r = ext + (pad + n + k) * L + lane;
            if (padding == 0) { *l = left; *r = right; }
            else if (padding == 1) { *l = 2 * first - left; *r = 2 * last - right; }
            else { *l = first; *r = last; }
        }
    }
    for (long k = 0; k < n; ++k) {
        double *sample = ext + (pad + k) * L;
        for (int lane = 0; lane < L; ++lane) sample[lane] = x[starts[lane] + k];
    }
}

void dist_sos_zero_phase_rows(const double *x, double *out, long rows, long n, long pad, int padding,
                              const double *coefficients, const double *zi, int sections, double *scratch) {
    const long total = n + 2 * pad;
    long starts[L];
    for (long first = 0; first < rows; first += L) {
        const long used = rows - first < L ? rows - first : L;
        for (int lane = 0; lane < L; ++lane) starts[lane] = (first + (lane < used ? lane : used - 1)) * n;
        fill(scratch, x, starts, n, pad, padding);
        dist_sos_run_lanes(scratch, total, 0, coefficients, zi, sections);
        dist_sos_run_lanes(scratch, total, 1, coefficients, zi, sections);
        for (long k = 0; k < n; ++k) {
            const double *sample = scratch + (pad + k) * L;
            for (long lane = 0; lane < used; ++lane) out[starts[lane] + k] = sample[lane];
        }
    }
}
