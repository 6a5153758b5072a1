// Hand-written: the linear τ-p transform's interpolated sums (see dist_tau_p.c).
#ifndef DIST_TAU_P_H
#define DIST_TAU_P_H

/// DASCore's tau_p on a row-major nx × nt array `x` (float32 when `x_single`, else float64) with channel offsets
/// `offsets` (from the first channel) and time step `dt`: y (2·ns × nt, zeroed by the caller) gets, for each
/// slowness p[ip], row ns + ip = Σ over channels ix = 0, 1, … of channel ix read at τ + p·offsets[ix]/dt, and row
/// ns − 1 − ip = Σ over ix of channel nx − 1 − ix read at τ + p·(offsets[nx−1] − offsets[nx−1−ix])/dt. Each term
/// y[tau] += (1 − w)·x[i] + w·x[i + 1] with s = tau + shift, i = (long)s, w = s − i, for tau with s >= 0 until the
/// first whose i + 1 >= nt — the plain loop's float64 arithmetic in its order, without fused multiply-adds.
void dist_tau_p(const void *x, int x_single, double *y, long nx, long nt, const double *p, long ns,
                const double *offsets, double dt);

#endif
