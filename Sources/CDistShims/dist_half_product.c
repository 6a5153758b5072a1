// Hand-written: `analytic_signal`'s product of a half spectrum (FFTW's real-to-complex output, (re, im) pairs) by a
// line of complex factors, written as the full two-sided spectrum in two float64 arrays. In Swift the loop read the
// pairs through a strided view and mirrored the upper half one bin at a time, and wrote its 160 MB (a 1000 × 10,000
// chunk) through the cache: slower than numpy's full-spectrum product. Here 8 bins a vector — the pairs split into
// real and imaginary parts by shuffles, the upper half read backwards and reversed in registers — and non-temporal
// stores (written once, far larger than the caches: no read of the output's lines before they are overwritten).
// Compiled for AVX-512, AVX2 and the x86-64 baseline and chosen at run time, as dist_sliding.c: the same operations
// in the same order at every level (and as the scalar loop), so every level gives the same bits.
#include "dist_half_product.h"
#include "dist_sliding.h"  // dist_sliding_vector_bits: the level this processor resolves to

#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#pragma STDC FP_CONTRACT OFF
#pragma clang diagnostic ignored "-Wpsabi"

#define V 8
typedef double vd __attribute__((vector_size(8 * V)));
typedef float vf16 __attribute__((vector_size(4 * 2 * V)));
typedef float vf8 __attribute__((vector_size(4 * V)));

#define INLINE static inline __attribute__((always_inline))

INLINE vd load(const double *p) {
    vd v;
    memcpy(&v, p, sizeof v);
    return v;
}

// The 8 bins at pair index i … i + 7: their real and imaginary parts; `reversed`: in the order i + 7 … i.
INLINE void load_bins(const void *pairs, int single, long i, int reversed, vd *re, vd *im) {
    if (single) {
        vf16 v;
        memcpy(&v, (const float *)pairs + 2 * i, sizeof v);
        const vf8 a = reversed ? __builtin_shufflevector(v, v, 14, 12, 10, 8, 6, 4, 2, 0)
                               : __builtin_shufflevector(v, v, 0, 2, 4, 6, 8, 10, 12, 14);
        const vf8 b = reversed ? __builtin_shufflevector(v, v, 15, 13, 11, 9, 7, 5, 3, 1)
                               : __builtin_shufflevector(v, v, 1, 3, 5, 7, 9, 11, 13, 15);
        *re = __builtin_convertvector(a, vd);
        *im = __builtin_convertvector(b, vd);
        return;
    }
    const double *p = (const double *)pairs + 2 * i;
    const vd lo = load(p), hi = load(p + V);
    *re = reversed ? __builtin_shufflevector(lo, hi, 14, 12, 10, 8, 6, 4, 2, 0)
                   : __builtin_shufflevector(lo, hi, 0, 2, 4, 6, 8, 10, 12, 14);
    *im = reversed ? __builtin_shufflevector(lo, hi, 15, 13, 11, 9, 7, 5, 3, 1)
                   : __builtin_shufflevector(lo, hi, 1, 3, 5, 7, 9, 11, 13, 15);
}

INLINE double bin_part(const void *pairs, int single, long i, int part) {
    return single ? (double)((const float *)pairs)[2 * i + part] : ((const double *)pairs)[2 * i + part];
}

// Output k of row r (scalar): bin k, or the conjugate of bin n − k above the half.
INLINE void one(const void *pairs, int single, long source, long h, long n, long k, const double *c, const double *d,
                double *re, double *im) {
    const long j = k < h ? k : n - k;
    const double a = bin_part(pairs, single, source + j, 0);
    const double b = k < h ? bin_part(pairs, single, source + j, 1) : -bin_part(pairs, single, source + j, 1);
    re[k] = a * c[k] - b * d[k];
    im[k] = a * d[k] + b * c[k];
}

INLINE void put(double *p, vd v, int stream) {
    if (stream) __builtin_nontemporal_store(v, (vd *)p);
    else memcpy(p, &v, sizeof v);
}

INLINE void product_rows(const void *pairs, int single, long rows, long n, const double *c, const double *d,
                         double *out_re, double *out_im) {
    const long h = n / 2 + 1;
    for (long r = 0; r < rows; ++r) {
        const long source = r * h;
        double *re = out_re + r * n, *im = out_im + r * n;
        // Scalar up to the first output whose address suits a non-temporal vector store; streaming only when both
        // outputs are aligned alike there.
        long k = 0;
        while (k < n && ((unsigned long)(re + k) % sizeof(vd)) != 0) one(pairs, single, source, h, n, k++, c, d, re, im);
        const int stream = ((unsigned long)(im + k) % sizeof(vd)) == 0;
        for (; k + V <= n; k += V) {
            vd a, b;
            if (k + V <= h) {
                load_bins(pairs, single, source + k, 0, &a, &b);
            } else if (k >= h) {
                load_bins(pairs, single, source + n - k - (V - 1), 1, &a, &b);
                b = -b;
            } else {  // the vector holds bin n/2 and the first mirrored bins: one at a time
                for (long i = k; i < k + V; ++i) one(pairs, single, source, h, n, i, c, d, re, im);
                continue;
            }
            const vd ck = load(c + k), dk = load(d + k);
            put(re + k, a * ck - b * dk, stream);
            put(im + k, a * dk + b * ck, stream);
        }
        for (; k < n; ++k) one(pairs, single, source, h, n, k, c, d, re, im);
    }
}

#if defined(__x86_64__)
#define ARGS const void *p, int s, long rows, long n, const double *c, const double *d, double *re, double *im
__attribute__((target("avx512f"))) static void product_avx512(ARGS) { product_rows(p, s, rows, n, c, d, re, im); }
__attribute__((target("avx2"))) static void product_avx2(ARGS) { product_rows(p, s, rows, n, c, d, re, im); }
static void product_base(ARGS) { product_rows(p, s, rows, n, c, d, re, im); }

void dist_half_spectrum_times_line(const void *pairs, int single, long rows, long n, const double *c, const double *d,
                                   double *out_re, double *out_im, int level) {
    switch (dist_sliding_vector_bits(level)) {
    case 512: product_avx512(pairs, single, rows, n, c, d, out_re, out_im); break;
    case 256: product_avx2(pairs, single, rows, n, c, d, out_re, out_im); break;
    default: product_base(pairs, single, rows, n, c, d, out_re, out_im); break;
    }
    _mm_sfence();  // the non-temporal stores reach memory before anyone reads the output
}
#else
void dist_half_spectrum_times_line(const void *pairs, int single, long rows, long n, const double *c, const double *d,
                                   double *out_re, double *out_im, int level) {
    (void)level;
    product_rows(pairs, single, rows, n, c, d, out_re, out_im);
}
#endif
