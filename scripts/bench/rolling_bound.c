// The bound of DASCore's stepped rolling statistics on this machine (issue 19): one 1000 × 10,000 float32 chunk
// (40 MB, larger than the L3 cache), one core. Prints the time of one plain read pass over it (AVX2 sums), the
// stepped mean (window 100, step 50) as dist_sliding.c computed it before (each row widened to float64, then each
// window summed) and as it does now (step-long blocks summed once from the float32 row, a window adds two), and
// the stepped median as before (quickselect on a float64 copy of each window) and now (AVX-512 compress
// partitions on the float32 values), with a check that the medians agree bit for bit.
//   clang -O2 -mavx2 -mavx512f -o /tmp/rolling_bound scripts/bench/rolling_bound.c -lm && taskset -c 0 /tmp/rolling_bound
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define V 8
typedef double vd __attribute__((vector_size(8 * V)));
typedef float vf __attribute__((vector_size(4 * V)));
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static double select_kth(double *a, long n, long k) {
    long lo = 0, hi = n - 1;
    while (hi - lo > 16) {
        const long mid = lo + (hi - lo) / 2; double t;
        if (a[mid] < a[lo]) { t = a[mid]; a[mid] = a[lo]; a[lo] = t; }
        if (a[hi] < a[lo]) { t = a[hi]; a[hi] = a[lo]; a[lo] = t; }
        if (a[mid] < a[hi]) { t = a[mid]; a[mid] = a[hi]; a[hi] = t; }
        const double pivot = a[hi]; long i = lo;
        for (long j = lo; j < hi; ++j) { const double v = a[j]; a[j] = a[i]; a[i] = v; i += v < pivot; }
        a[hi] = a[i]; a[i] = pivot;
        if (k == i) return pivot;
        if (k < i) hi = i - 1; else lo = i + 1;
    }
    for (long i = lo + 1; i <= hi; ++i) { const double v = a[i]; long j = i - 1; while (j >= lo && a[j] > v) { a[j + 1] = a[j]; --j; } a[j + 1] = v; }
    return a[k];
}
static double median_old(const double *x, long w, double *s) {
    int nan = 0; for (long k = 0; k < w; ++k) { s[k] = x[k]; nan |= x[k] != x[k]; }
    if (nan) return NAN;
    const double upper = select_kth(s, w, w / 2);
    if (w % 2 == 1) return upper;
    double lower = s[0]; for (long k = 1; k < w / 2; ++k) lower = s[k] > lower ? s[k] : lower;
    return 0.5 * (lower + upper);
}
// kth smallest of x[0..n) floats, no NaN: partition by compress into scratch buffers
__attribute__((target("avx512f,avx512vl,avx512dq,avx512bw")))
static float kth_f(const float *x, long n, long k, float *b0, float *b1, float *b2) {
    const float *a = x; float *bufs[3] = {b0, b1, b2}; int next = 0;
    while (n > 1) {
        #define MED3(p0, p1, p2) fmaxf(fminf(p0, p1), fminf(fmaxf(p0, p1), p2))
        float p;
        if (n >= 40) { long e = n / 8;
            float m0 = MED3(a[0], a[e], a[2 * e]), m1 = MED3(a[3 * e], a[4 * e], a[5 * e]), m2 = MED3(a[6 * e], a[7 * e], a[n - 1]);
            p = MED3(m0, m1, m2); }
        else p = MED3(a[0], a[n / 2], a[n - 1]);
        __m512 vp = _mm512_set1_ps(p);
        float *L = bufs[next], *H = bufs[(next + 1) % 3];
        long nl = 0, nh = 0, i = 0;
        for (; i < n; i += 16) {
            __mmask16 m = n - i >= 16 ? 0xFFFF : (__mmask16)((1u << (n - i)) - 1);
            __m512 v = _mm512_maskz_loadu_ps(m, a + i);
            __mmask16 lt = _mm512_mask_cmp_ps_mask(m, v, vp, _CMP_LT_OQ);
            __mmask16 gt = _mm512_mask_cmp_ps_mask(m, v, vp, _CMP_GT_OQ);
            _mm512_storeu_ps(L + nl, _mm512_maskz_compress_ps(lt, v));
            _mm512_storeu_ps(H + nh, _mm512_maskz_compress_ps(gt, v));
            nl += __builtin_popcount(lt); nh += __builtin_popcount(gt);
        }
        long eq = n - nl - nh;
        if (k < nl) { a = L; n = nl; next = (next + 2) % 3; }
        else if (k < nl + eq) return p;
        else { k -= nl + eq; a = H; n = nh; next = (next + 2) % 3; }
    }
    return a[0];
}
__attribute__((target("avx512f,avx512vl,avx512dq,avx512bw")))
static double median_new(const float *x, long w, float *b0, float *b1, float *b2) {
    // NaN check
    __mmask16 nan = 0; long i = 0;
    for (; i < w; i += 16) { __mmask16 m = w - i >= 16 ? 0xFFFF : (__mmask16)((1u << (w - i)) - 1);
        __m512 v = _mm512_maskz_loadu_ps(m, x + i); nan |= _mm512_mask_cmp_ps_mask(m, v, v, _CMP_UNORD_Q); }
    if (nan) return NAN;
    float upper = kth_f(x, w, w / 2, b0, b1, b2);
    if (w % 2) return upper;
    // lower middle: the (w/2-1)th; count below upper and their max
    __m512 vu = _mm512_set1_ps(upper), mx = _mm512_set1_ps(-INFINITY); long below = 0;
    for (i = 0; i < w; i += 16) { __mmask16 m = w - i >= 16 ? 0xFFFF : (__mmask16)((1u << (w - i)) - 1);
        __m512 v = _mm512_maskz_loadu_ps(m, x + i); __mmask16 lt = _mm512_mask_cmp_ps_mask(m, v, vu, _CMP_LT_OQ);
        below += __builtin_popcount(lt); mx = _mm512_mask_max_ps(mx, lt, mx, v); }
    double lower = below >= w / 2 ? (double)_mm512_reduce_max_ps(mx) : (double)upper;
    return 0.5 * (lower + (double)upper);
}
static inline __attribute__((always_inline)) vd load(const double *p) { vd v; memcpy(&v, p, sizeof v); return v; }
static inline __attribute__((always_inline)) vd load_float(const float *p) { vf v; memcpy(&v, p, sizeof v); return __builtin_convertvector(v, vd); }
static inline __attribute__((always_inline)) double window_sum(const double *x, long w) { vd sum = {0}; long k = 0;
    for (; k + V <= w; k += V) sum += load(x + k); double total = 0; for (int l = 0; l < V; ++l) total += sum[l];
    for (; k < w; ++k) total += x[k]; return total; }
static inline __attribute__((always_inline)) double window_sum_f(const float *x, long w) { vd sum = {0}; long k = 0;
    for (; k + V <= w; k += V) sum += load_float(x + k); double total = 0; for (int l = 0; l < V; ++l) total += sum[l];
    for (; k < w; ++k) total += x[k]; return total; }
__attribute__((target("avx512f")))
static void run_old(const float *x, double *o, long rows, long n, long w, long step, long m, double *wide) {
    for (long r = 0; r < rows; ++r) { const float *s = x + r * n; long i = 0;
        for (; i + V <= n; i += V) { vd v = load_float(s + i); memcpy(wide + i, &v, sizeof v); } for (; i < n; ++i) wide[i] = s[i];
        for (long k = 0; k < m; ++k) o[r * m + k] = window_sum(wide + k * step, w) * (1.0 / w); } }
__attribute__((target("avx512f")))
static void run_f(const float *x, double *o, long rows, long n, long w, long step, long m) {
    for (long r = 0; r < rows; ++r) for (long k = 0; k < m; ++k) o[r * m + k] = window_sum_f(x + r * n + k * step, w) * (1.0 / w); }
__attribute__((target("avx512f")))
static void run_blocks(const float *x, double *o, long rows, long n, long w, long step, long m, double *b) {
    long q = w / step, nb = m + q - 1;
    for (long r = 0; r < rows; ++r) { for (long j = 0; j < nb; ++j) b[j] = window_sum_f(x + r * n + j * step, step);
        for (long k = 0; k < m; ++k) { double t = b[k]; for (long l = 1; l < q; ++l) t += b[k + l]; o[r * m + k] = t * (1.0 / w); } } }
int main(void) {
    long rows = 1000, n = 10000, w = 100, step = 50, m = (n - w) / step + 1;
    float *x = aligned_alloc(64, rows * n * 4);
    double *xd = aligned_alloc(64, n * 8), *o1 = malloc(rows * m * 8), *o2 = malloc(rows * m * 8), *wide = malloc(n * 8), s[256];
    float b0[256], b1[256], b2[256];
    srand(1);
    for (long i = 0; i < rows * n; ++i) x[i] = (float)(rand() / (double)RAND_MAX - 0.5) * (i % 7 == 0 ? 100.f : 1.f);
    double read = 1e9, mean_old = 1e9, mean_new = 1e9, med_old = 1e9, med_new = 1e9, t0, t;
    for (int rep = 0; rep < 5; ++rep) {
        t0 = now(); __m256 acc = _mm256_setzero_ps();
        for (long i = 0; i < rows * n; i += 8) acc = _mm256_add_ps(acc, _mm256_loadu_ps(x + i));
        float f[8]; _mm256_storeu_ps(f, acc); t = now() - t0; if (t < read) read = t; if (f[0] == 12345) puts("");
        t0 = now(); run_old(x, o1, rows, n, w, step, m, wide); t = now() - t0; if (t < mean_old) mean_old = t;
        t0 = now(); run_blocks(x, o2, rows, n, w, step, m, wide); t = now() - t0; if (t < mean_new) mean_new = t;
    }
    for (int rep = 0; rep < 2; ++rep) {
        t0 = now();
        for (long r = 0; r < rows; ++r) { for (long i = 0; i < n; ++i) xd[i] = x[r * n + i];
            for (long i = 0; i < m; ++i) o1[r * m + i] = median_old(xd + i * step, w, s); }
        t = now() - t0; if (t < med_old) med_old = t;
        t0 = now();
        for (long r = 0; r < rows; ++r) for (long i = 0; i < m; ++i) o2[r * m + i] = median_new(x + r * n + i * step, w, b0, b1, b2);
        t = now() - t0; if (t < med_new) med_new = t;
    }
    long bad = 0; for (long i = 0; i < rows * m; ++i) bad += memcmp(o1 + i, o2 + i, 8) != 0;
    printf("read pass, 40 MB float32: %.2f ms (%.1f GB/s)\n", read * 1e3, rows * n * 4 / read / 1e9);
    printf("stepped mean (w 100, step 50): before %.2f ms, blocks %.2f ms\n", mean_old * 1e3, mean_new * 1e3);
    printf("stepped median (w 100, step 50): before %.2f ms, AVX-512 selection %.2f ms; medians differing: %ld of %ld\n",
           med_old * 1e3, med_new * 1e3, bad, rows * m);
    return 0;
}
