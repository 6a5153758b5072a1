// Hand-written: the FIR decimator (scipy.signal.decimate with ftype='fir') computing only the kept outputs, in
// SIMD lanes across neighbouring outputs. Output k sums taps[j] · x[offset + k·q + half − j]: for a fixed tap j the
// samples that neighbouring outputs read lie q apart, so the row (zero-padded by `half` at both ends) is first split
// into its q phases (phase p holds every q-th sample from p), where they are contiguous. Then a block of outputs is
// one vector accumulator per lane group, and each tap adds one contiguous run of one phase: every output is summed
// tap by tap in the order j = 0, 1, … as the plain loop sums it (out-of-row samples are zeros, whose products add
// nothing), with no fused multiply-adds, so the results are the plain loop's bits at every vector width. Compiled
// for AVX-512, AVX2 and the x86-64 baseline, chosen at run time.
#include "dist_fir_decimate.h"

#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

#define BLOCK 64

static inline __attribute__((always_inline)) void fir_decimate_rows(const void *x, int x_single, void *out,
                                                                    int out_single, long rows, long n,
                                                                    const double *taps, long ntaps, long half, long q,
                                                                    long offset, long kept) {
    long padded = n + 2 * half;
    long phase_length = (padded + q - 1) / q + BLOCK + 1;
    double *phases = calloc((size_t)(q * phase_length), sizeof(double));
    long *phase_of = malloc((size_t)ntaps * sizeof(long)), *start_of = malloc((size_t)ntaps * sizeof(long));
    if (!phases || !phase_of || !start_of) abort();
    // Output k, tap j reads padded index offset + k·q + 2·half − j = (start_of[j] + k)·q + phase_of[j].
    for (long j = 0; j < ntaps; j++) {
        long u = offset + 2 * half - j;
        phase_of[j] = u % q;
        start_of[j] = u / q;
    }
    for (long r = 0; r < rows; r++) {
        // Phase p, entry m: padded sample m·q + p, i.e. x[m·q + p − half] (zero outside the row).
        for (long p = 0; p < q; p++) {
            double *phase = phases + p * phase_length;
            for (long m = p >= half ? 0 : (half - p + q - 1) / q, t = m * q + p - half; t < n; m++, t += q)
                phase[m] = x_single ? (double)((const float *)x)[r * n + t] : ((const double *)x)[r * n + t];
        }
        for (long k0 = 0; k0 < kept; k0 += BLOCK) {
            double acc[BLOCK] = {0};
            for (long j = 0; j < ntaps; j++) {
                const double b = taps[j];
                const double *s = phases + phase_of[j] * phase_length + start_of[j] + k0;
                for (int i = 0; i < BLOCK; i++) acc[i] += b * s[i];
            }
            long count = kept - k0 < BLOCK ? kept - k0 : BLOCK;
            if (out_single) {
                float *o = (float *)out + r * kept + k0;
                for (long i = 0; i < count; i++) o[i] = (float)acc[i];
            } else {
                memcpy((double *)out + r * kept + k0, acc, (size_t)count * sizeof(double));
            }
        }
    }
    free(phases);
    free(phase_of);
    free(start_of);
}

#define ARGS                                                                                                           \
    const void *x, int x_single, void *out, int out_single, long rows, long n, const double *taps, long ntaps,         \
        long half, long q, long offset, long kept
#define PASS x, x_single, out, out_single, rows, n, taps, ntaps, half, q, offset, kept

#if defined(__x86_64__)
__attribute__((target("avx512f"))) static void fir_avx512(ARGS) { fir_decimate_rows(PASS); }
__attribute__((target("avx2"))) static void fir_avx2(ARGS) { fir_decimate_rows(PASS); }
#endif
static void fir_base(ARGS) { fir_decimate_rows(PASS); }

void dist_fir_decimate_rows(ARGS) {
    if (rows <= 0 || kept <= 0) return;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) { fir_avx512(PASS); return; }
    if (__builtin_cpu_supports("avx2")) { fir_avx2(PASS); return; }
#endif
    fir_base(PASS);
}
