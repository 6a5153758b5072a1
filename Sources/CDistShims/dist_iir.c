// Hand-written: the zero-phase filter's inner recurrence, in C because Swift cannot compile one function for a wider
// vector unit than the build's baseline (x86-64: SSE2). Compiled three times (AVX-512, AVX2, baseline) and chosen
// at run time. The arithmetic is that of SecondOrderSections.run, in the same order and without fused multiply-adds
// (FP_CONTRACT OFF), so every lane's result is bit for bit the one-channel Swift code's.
#include "dist_iir.h"

#pragma STDC FP_CONTRACT OFF

#define L DIST_IIR_LANES

// One pass over the samples for the whole cascade, with Q (a constant once inlined below) sections' states in
// registers: the buffer is read and written once per direction instead of once per section.
// `init` (lanes innermost: state j of section q at init[(2q + j) L + lane]) NULL: each section starts from zi × the
// lane's first sample (scipy's steady-state start); else from the given states. `end` non-NULL receives the states
// after the last sample in the same layout (what the next stretch of the recording starts from).
static inline __attribute__((always_inline)) void run_fused(double *restrict s, long count, int reversed,
                                                            const double *restrict c, const double *restrict zi,
                                                            const double *restrict init, double *restrict end,
                                                            const int Q) {
    double level[L];
    const double *start = reversed ? s + (count - 1) * L : s;
    for (int l = 0; l < L; ++l) level[l] = count > 0 ? start[l] : 0;
    double z0[8][L], z1[8][L];
    for (int q = 0; q < Q; ++q) {
        for (int l = 0; l < L; ++l) {
            z0[q][l] = init ? init[(2 * q) * L + l] : zi[2 * q] * level[l];
            z1[q][l] = init ? init[(2 * q + 1) * L + l] : zi[2 * q + 1] * level[l];
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
    if (end) {
        for (int q = 0; q < Q; ++q) {
            for (int l = 0; l < L; ++l) {
                end[(2 * q) * L + l] = z0[q][l];
                end[(2 * q + 1) * L + l] = z1[q][l];
            }
        }
    }
}

// Section by section (any number of sections): each pass reads and writes the whole buffer.
static inline __attribute__((always_inline)) void run_each(double *restrict s, long count, int reversed,
                                                           const double *restrict c, const double *restrict zi,
                                                           const double *restrict init, double *restrict end,
                                                           int sections) {
    double level[L];
    const double *start = reversed ? s + (count - 1) * L : s;
    for (int l = 0; l < L; ++l) level[l] = count > 0 ? start[l] : 0;
    for (int q = 0; q < sections; ++q) {
        const double b0 = c[5 * q], b1 = c[5 * q + 1], b2 = c[5 * q + 2], a1 = c[5 * q + 3], a2 = c[5 * q + 4];
        double z0[L], z1[L];
        for (int l = 0; l < L; ++l) {
            z0[l] = init ? init[(2 * q) * L + l] : zi[2 * q] * level[l];
            z1[l] = init ? init[(2 * q + 1) * L + l] : zi[2 * q + 1] * level[l];
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
        if (end) {
            for (int l = 0; l < L; ++l) {
                end[(2 * q) * L + l] = z0[l];
                end[(2 * q + 1) * L + l] = z1[l];
            }
        }
    }
}

static inline __attribute__((always_inline)) void run(double *restrict s, long count, int reversed,
                                                      const double *restrict c, const double *restrict zi,
                                                      const double *restrict init, double *restrict end,
                                                      int sections) {
    switch (sections) {
    case 1: run_fused(s, count, reversed, c, zi, init, end, 1); return;
    case 2: run_fused(s, count, reversed, c, zi, init, end, 2); return;
    case 3: run_fused(s, count, reversed, c, zi, init, end, 3); return;
    case 4: run_fused(s, count, reversed, c, zi, init, end, 4); return;
    default: run_each(s, count, reversed, c, zi, init, end, sections); return;
    }
}

// Rows `starts[lane]` of x (n samples each, element type T) extended by `before` samples at the start and `after` at
// the end into ext (lanes innermost, as double: float32 rows are widened exactly, so a float32 chunk needs no float64
// copy): position before - 1 - k mirrors x[k + 1] and before + n + k mirrors x[n - 2 - k] (even), point-mirrored
// (odd), or the end sample repeated (constant), as scipy's even_ext, odd_ext and const_ext. An end of a chunk inside
// the recording gets no extension (0): its filter state comes from the neighbouring chunks instead. The middle is
// copied in tiles of TILE samples, a cache line or two of each row at a time, so the 16 row streams and the lane
// buffer's writes stay in L1.
#define TILE 16
#define DEFINE_FILL(NAME, T)                                                                                           \
    static inline __attribute__((always_inline)) void NAME(double *restrict ext, const T *restrict x,               \
                                                          const long *starts, long n, long before, long after,      \
                                                          int padding) {                                             \
        for (int lane = 0; lane < L; ++lane) {                                                                        \
            const T *row = x + starts[lane];                                                                          \
            const double first = row[0], last = row[n - 1];                                                           \
            for (long k = 0; k < before; ++k) {                                                                       \
                const double left = row[k + 1];                                                                       \
                double *l = ext + (before - 1 - k) * L + lane;                                                        \
                *l = padding == 0 ? left : (padding == 1 ? 2 * first - left : first);                                 \
            }                                                                                                         \
            for (long k = 0; k < after; ++k) {                                                                        \
                const double right = row[n - 2 - k];                                                                  \
                double *r = ext + (before + n + k) * L + lane;                                                        \
                *r = padding == 0 ? right : (padding == 1 ? 2 * last - right : last);                                 \
            }                                                                                                         \
        }                                                                                                             \
        for (long k0 = 0; k0 < n; k0 += TILE) {                                                                       \
            const long count = n - k0 < TILE ? n - k0 : TILE;                                                         \
            double *tile = ext + (before + k0) * L;                                                                   \
            for (int lane = 0; lane < L; ++lane) {                                                                    \
                const T *row = x + starts[lane] + k0;                                                                 \
                for (long k = 0; k < count; ++k) tile[k * L + lane] = row[k];                                         \
            }                                                                                                         \
        }                                                                                                             \
    }

// The middle n samples of the first `used` lanes back into their rows of out, in the same tiles; (T) rounds a
// double to float32 to nearest, as Swift's Float(_:) does.
#define DEFINE_STORE(NAME, T)                                                                                          \
    static inline __attribute__((always_inline)) void NAME(T *restrict out, const double *restrict ext,             \
                                                           const long *starts, long used, long n, long before) {    \
        for (long k0 = 0; k0 < n; k0 += TILE) {                                                                       \
            const long count = n - k0 < TILE ? n - k0 : TILE;                                                         \
            const double *tile = ext + (before + k0) * L;                                                              \
            for (long lane = 0; lane < used; ++lane) {                                                                \
                T *row = out + starts[lane] + k0;                                                                     \
                for (long k = 0; k < count; ++k) row[k] = (T)tile[k * L + lane];                                      \
            }                                                                                                         \
        }                                                                                                             \
    }

DEFINE_FILL(fill_double, double)
DEFINE_FILL(fill_float, float)
DEFINE_STORE(store_double, double)
DEFINE_STORE(store_float, float)

// Per-row states (row r's state j of section q at rows_states[r d + 2q + j], d = 2 sections) into and out of the
// lanes' layout (state (2q + j) of lane l at lanes[(2q + j) L + l]).
static inline __attribute__((always_inline)) void gather_states(double *restrict lanes, const double *restrict rows,
                                                                const long *row_of, int d) {
    for (int j = 0; j < d; ++j)
        for (int lane = 0; lane < L; ++lane) lanes[j * L + lane] = rows[row_of[lane] * d + j];
}

static inline __attribute__((always_inline)) void scatter_states(double *restrict rows, const double *restrict lanes,
                                                                 const long *row_of, long used, int d) {
    for (int j = 0; j < d; ++j)
        for (long lane = 0; lane < used; ++lane) rows[row_of[lane] * d + j] = lanes[j * L + lane];
}

// sosfiltfilt (passes 2) or sosfilt (passes 1) of every row, 16 rows at a time: the group's lane buffer
// ((n + before + after) × 16 doubles, 1.3 MB for 10,000 samples and scipy's padding) is filled, run forward (and
// backward) through the whole cascade, and written back before the next group, so it stays in the processor's
// caches. Each pass starts from the given per-row states or (NULL) scipy's steady state, and gives its end states
// when asked (dist_sos_states). `out` NULL: only the end states are wanted (the state scan's totals pass).
#define DEFINE_FILTER_ROWS(NAME, T, FILL, STORE)                                                                       \
    static inline __attribute__((always_inline)) void NAME(const T *x, T *out, long rows, long n, long before,      \
                                                          long after, int padding, int passes, const double *c,     \
                                                          const double *zi, int sections, dist_sos_states st,       \
                                                          double *scratch) {                                         \
        const long total = n + before + after;                                                                        \
        const int d = 2 * sections;                                                                                   \
        double init[2 * DIST_IIR_MAX_SECTIONS * L], end[2 * DIST_IIR_MAX_SECTIONS * L];                              \
        long starts[L], row_of[L];                                                                                    \
        for (long first = 0; first < rows; first += L) {                                                              \
            const long used = rows - first < L ? rows - first : L;                                                    \
            for (int lane = 0; lane < L; ++lane) {                                                                    \
                row_of[lane] = first + (lane < used ? lane : used - 1);                                               \
                starts[lane] = row_of[lane] * n;                                                                      \
            }                                                                                                         \
            FILL(scratch, x, starts, n, before, after, padding);                                                      \
            if (st.forward_init) gather_states(init, st.forward_init, row_of, d);                                     \
            run(scratch, total, 0, c, zi, st.forward_init ? init : 0, st.forward_end ? end : 0, sections);            \
            if (st.forward_end) scatter_states(st.forward_end, end, row_of, used, d);                                 \
            if (passes > 1) {                                                                                         \
                if (st.backward_init) gather_states(init, st.backward_init, row_of, d);                               \
                run(scratch, total, 1, c, zi, st.backward_init ? init : 0, st.backward_end ? end : 0, sections);      \
                if (st.backward_end) scatter_states(st.backward_end, end, row_of, used, d);                           \
            }                                                                                                         \
            if (out) STORE(out, scratch, starts, used, n, before);                                                    \
        }                                                                                                             \
    }

DEFINE_FILTER_ROWS(filter_double, double, fill_double, store_double)
DEFINE_FILTER_ROWS(filter_float, float, fill_float, store_float)

// Each entry point compiled for AVX-512, AVX2 and the baseline, chosen at run time (the copies in and out too).
#if defined(__x86_64__)
#define DISPATCH(CALL_AVX512, CALL_AVX2, CALL_BASE)                                                                    \
    __builtin_cpu_init(); /* idempotent; the model may not be read yet when nothing else asked for it */              \
    if (__builtin_cpu_supports("avx512f")) { CALL_AVX512; return; }                                                   \
    if (__builtin_cpu_supports("avx2")) { CALL_AVX2; return; }                                                        \
    CALL_BASE;
#define TARGETED(NAME, BODY, ...)                                                                                      \
    __attribute__((target("avx512f"))) static void NAME##_avx512(__VA_ARGS__) { BODY; }                              \
    __attribute__((target("avx2"))) static void NAME##_avx2(__VA_ARGS__) { BODY; }
#else
#define DISPATCH(CALL_AVX512, CALL_AVX2, CALL_BASE) CALL_BASE;
#define TARGETED(NAME, BODY, ...)
#endif

static const dist_sos_states no_states = {0, 0, 0, 0};

TARGETED(run_lanes, run(s, n, r, c, z, 0, 0, q), double *s, long n, int r, const double *c, const double *z, int q)
TARGETED(rows_double, filter_double(x, o, rows, n, b, a, p, k, c, z, q, st, w), const double *x, double *o, long rows,
         long n, long b, long a, int p, int k, const double *c, const double *z, int q, dist_sos_states st, double *w)
TARGETED(rows_float, filter_float(x, o, rows, n, b, a, p, k, c, z, q, st, w), const float *x, float *o, long rows,
         long n, long b, long a, int p, int k, const double *c, const double *z, int q, dist_sos_states st, double *w)

void dist_sos_run_lanes(double *samples, long count, int reversed, const double *coefficients, const double *zi,
                        int sections) {
    DISPATCH(run_lanes_avx512(samples, count, reversed, coefficients, zi, sections),
             run_lanes_avx2(samples, count, reversed, coefficients, zi, sections),
             run(samples, count, reversed, coefficients, zi, 0, 0, sections))
}

void dist_sos_filter_rows(const double *x, double *out, long rows, long n, long before, long after, int padding,
                          int passes, const double *coefficients, const double *zi, int sections,
                          dist_sos_states states, double *scratch) {
    DISPATCH(rows_double_avx512(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                                scratch),
             rows_double_avx2(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                              scratch),
             filter_double(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                           scratch))
}

void dist_sos_filter_rows_float(const float *x, float *out, long rows, long n, long before, long after, int padding,
                                int passes, const double *coefficients, const double *zi, int sections,
                                dist_sos_states states, double *scratch) {
    DISPATCH(rows_float_avx512(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                               scratch),
             rows_float_avx2(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                             scratch),
             filter_float(x, out, rows, n, before, after, padding, passes, coefficients, zi, sections, states,
                          scratch))
}

void dist_sos_zero_phase_rows(const double *x, double *out, long rows, long n, long pad, int padding,
                              const double *coefficients, const double *zi, int sections, double *scratch) {
    dist_sos_filter_rows(x, out, rows, n, pad, pad, padding, 2, coefficients, zi, sections, no_states, scratch);
}

void dist_sos_zero_phase_rows_float(const float *x, float *out, long rows, long n, long pad, int padding,
                                    const double *coefficients, const double *zi, int sections, double *scratch) {
    dist_sos_filter_rows_float(x, out, rows, n, pad, pad, padding, 2, coefficients, zi, sections, no_states, scratch);
}
