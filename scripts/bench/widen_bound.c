// The memory bound of a float64 graph's one-pass command on a float32 chunk (issue 19): a 1000 × 10,000 float32
// chunk (40 MB) read once and a fresh 80 MB float64 array written once, as a cold worker's process does it: the
// output is new memory (mmap'd, asked for transparent huge pages as workers' heaps are, `madvise(MADV_HUGEPAGE)`),
// so its page faults and the kernel's zeroing count. Prints the best of N of
//   read      one AVX2 sum over the float32 chunk (the read alone)
//   widen     fresh float64 output, ordinary stores (cold: page faults included)
//   widen-nt  the same with non-temporal (streaming) stores, which skip the read-for-ownership of each line
//   warm      ordinary stores into output already faulted in (a steady worker's reused heap)
//   warm-nt   non-temporal stores into output already faulted in
//   faults    only touching one byte per 4 KiB of a fresh buffer (the fault + zeroing cost alone)
//   sum+widen two passes as demean needs: each row's sum (a read, partial sums in any order), then x − mean
//             written fresh while the row is still in cache (and the same with non-temporal stores)
//   clang -O2 -mavx2 -mfma -o /tmp/widen_bound scripts/bench/widen_bound.c && taskset -c 0 /tmp/widen_bound
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
enum { ROWS = 1000, COLS = 10000, N = ROWS * COLS, REPS = 7 };
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static double *fresh(void) {
    void *p = mmap(NULL, (size_t)N * 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(1); }
    madvise(p, (size_t)N * 8, MADV_HUGEPAGE);
    return p;
}
static void release(double *p) { munmap(p, (size_t)N * 8); }
static double sink;
static void read_pass(const float *x) {
    __m256 s = _mm256_setzero_ps();
    for (long i = 0; i < N; i += 8) s = _mm256_add_ps(s, _mm256_loadu_ps(x + i));
    float t[8]; _mm256_storeu_ps(t, s); sink += t[0] + t[7];
}
static void widen(const float *x, double *y) {
    for (long i = 0; i < N; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        _mm256_storeu_pd(y + i, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
        _mm256_storeu_pd(y + i + 4, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    }
}
static void widen_nt(const float *x, double *y) {  // y is 32-byte aligned (mmap)
    for (long i = 0; i < N; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        _mm256_stream_pd(y + i, _mm256_cvtps_pd(_mm256_castps256_ps128(v)));
        _mm256_stream_pd(y + i + 4, _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)));
    }
    _mm_sfence();
}
static void touch(double *y) { for (long i = 0; i < N; i += 512) y[i] = 0; }
static void sum_widen(const float *x, double *y, int nt) {
    for (long r = 0; r < ROWS; ++r) {
        const float *row = x + r * COLS;
        __m256d v0 = _mm256_setzero_pd(), v1 = _mm256_setzero_pd();  // a bound: partial sums, any order
        for (long k = 0; k < COLS; k += 8) {
            v0 = _mm256_add_pd(v0, _mm256_cvtps_pd(_mm_loadu_ps(row + k)));
            v1 = _mm256_add_pd(v1, _mm256_cvtps_pd(_mm_loadu_ps(row + k + 4)));
        }
        double t[4]; _mm256_storeu_pd(t, _mm256_add_pd(v0, v1));
        const __m256d m = _mm256_set1_pd((t[0] + t[1] + t[2] + t[3]) / COLS);
        double *o = y + r * COLS;
        for (long k = 0; k < COLS; k += 4) {
            __m256d v = _mm256_sub_pd(_mm256_cvtps_pd(_mm_loadu_ps(row + k)), m);
            if (nt) _mm256_stream_pd(o + k, v); else _mm256_storeu_pd(o + k, v);
        }
    }
    _mm_sfence();
}
int main(void) {
    float *x = aligned_alloc(64, (size_t)N * 4);
    for (long i = 0; i < N; ++i) x[i] = (float)((i * 2654435761u) % 1000) * 1e-3f;
    const char *names[] = {"read", "widen", "widen-nt", "warm", "warm-nt", "faults", "sum+widen", "sum+widen-nt"};
    double best[8]; for (int k = 0; k < 8; ++k) best[k] = 1e9;
    double *warm = fresh(); touch(warm);
    for (int rep = 0; rep < REPS; ++rep) {
        for (int k = 0; k < 8; ++k) {
            double *y = (k == 3 || k == 4) ? warm : fresh();
            double t0 = now();
            switch (k) {
            case 0: read_pass(x); break;
            case 1: widen(x, y); break;
            case 2: widen_nt(x, y); break;
            case 3: widen(x, y); break;
            case 4: widen_nt(x, y); break;
            case 5: touch(y); break;
            case 6: sum_widen(x, y, 0); break;
            case 7: sum_widen(x, y, 1); break;
            }
            double t = now() - t0;
            if (t < best[k]) best[k] = t;
            sink += y[N - 1];
            if (y != warm) release(y);
        }
    }
    for (int k = 0; k < 8; ++k) printf("%-13s %7.2f ms\n", names[k], best[k] * 1e3);
    return sink == 42.0;
}
