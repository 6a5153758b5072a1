// Hand-written: the second-order-section recurrence over channels in lanes (see dist_iir.c).
#ifndef DIST_IIR_H
#define DIST_IIR_H

/// Channels side by side in one recurrence (samples[t * DIST_IIR_LANES + lane]).
#define DIST_IIR_LANES 16

/// Runs `sections` second-order sections (coefficients b0, b1, b2, a1, a2 each; zi: two step-response states each)
/// over `count` samples of DIST_IIR_LANES channels in place, forward or from the last sample down, each section
/// starting from zi × the lane's first sample (in the direction of the pass).
void dist_sos_run_lanes(double *samples, long count, int reversed, const double *coefficients, const double *zi,
                        int sections);

/// scipy's sosfiltfilt of every row of x (rows × n, row-major) into out: each group of DIST_IIR_LANES rows extended by
/// `pad` samples (padding 0 even, 1 odd, 2 constant) into `scratch` ((n + 2 pad) × DIST_IIR_LANES values), run forward
/// and backward, and the middle written back. Unused lanes of the last group repeat its last row.
void dist_sos_zero_phase_rows(const double *x, double *out, long rows, long n, long pad, int padding,
                              const double *coefficients, const double *zi, int sections, double *scratch);

/// The same from float32 rows into float32 rows: each value widened to double in the lane buffer (exactly), filtered
/// in double and rounded to float32 on the way out, so the result is the double path's rounded to float32, without
/// the float64 copies of the input and output.
void dist_sos_zero_phase_rows_float(const float *x, float *out, long rows, long n, long pad, int padding,
                                    const double *coefficients, const double *zi, int sections, double *scratch);

/// The most sections a filter with per-row states may have (filters with more run without states only).
#define DIST_IIR_MAX_SECTIONS 32

/// Per-row filter states for dist_sos_filter_rows (rows × 2·sections values each, row r's state j of section q at
/// [r · 2·sections + 2q + j], the transposed direct form II's two delays): where each pass starts (NULL: scipy's
/// steady state of the pass's first sample, zi × x) and where it ends (NULL: not wanted). The backward pass's end
/// is its state after the buffer's first sample.
typedef struct {
    const double *forward_init;
    const double *backward_init;
    double *forward_end;
    double *backward_end;
} dist_sos_states;

/// The general form of dist_sos_zero_phase_rows: `before` and `after` samples of extension at each end (0 where the
/// chunk's end is inside the recording), one pass (sosfilt, passes 1) or two (sosfiltfilt), and per-row states.
/// scratch holds (n + before + after) × DIST_IIR_LANES values; out may be NULL when only the end states are wanted.
void dist_sos_filter_rows(const double *x, double *out, long rows, long n, long before, long after, int padding,
                          int passes, const double *coefficients, const double *zi, int sections,
                          dist_sos_states states, double *scratch);

/// The same from float32 rows into float32 rows (filtered in double, rounded on the way out).
void dist_sos_filter_rows_float(const float *x, float *out, long rows, long n, long before, long after, int padding,
                                int passes, const double *coefficients, const double *zi, int sections,
                                dist_sos_states states, double *scratch);

#endif
