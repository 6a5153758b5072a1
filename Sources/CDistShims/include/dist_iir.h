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

#endif
