// Hand-written: the in-cache passes of the paired row transforms (see dist_rowpair.c).
#ifndef DIST_ROWPAIR_H
#define DIST_ROWPAIR_H

/// What `dist_rowpair_analytic` writes for each row x of the pair.
enum {
    DIST_ROWPAIR_HILBERT = 0,    // H(x)
    DIST_ROWPAIR_ANALYTIC = 1,   // (x, H(x)) pairs: scipy.signal.hilbert's analytic signal
    DIST_ROWPAIR_ENVELOPE = 2,   // |x + i·H(x)|
};

/// Rows a and b of n floats (b NULL: zeros) into `packed` as the complex row a + i·b: packed[2t] = a[t],
/// packed[2t + 1] = b[t].
void dist_rowpair_pack(const float *a, const float *b, float *packed, long n);

/// The same into float64 pairs: a float32 chunk computed in float64, widened as it is read.
void dist_rowpair_pack_widening(const float *a, const float *b, double *packed, long n);

/// From w, the unnormalised inverse transform of the pair's −i·sgn(f)-turned spectrum ((re, im) pairs: n·H(a) and
/// n·H(b)), row a's output into outA and row b's into outB (b and outB NULL: row a only), H = w · scale.
void dist_rowpair_analytic(int kind, const float *a, const float *b, const float *w, float scale, float *outA,
                           float *outB, long n);

/// outA[t] = w[2t] · scale and outB[t] = w[2t + 1] · scale for t < n (outB NULL: row a only).
void dist_rowpair_split(const float *w, float scale, float *outA, float *outB, long n);

/// The same in float64.
void dist_rowpair_split_double(const double *w, double scale, double *outA, double *outB, long n);

/// The sums over channels of a phase-weighted stack, for rows a and b (b NULL: row a only) in that order: for each
/// t < n, with x the row and h = (float)(w[2t + part] · scale) its Hilbert transform (part 0 for a, 1 for b),
/// values[t] += x, phasorRe[t] += x / d and phasorIm[t] += h / d, d = max(√(x² + h²), DBL_EPSILON), in float64
/// (one reciprocal of d per sample: the operations of PhaseCoherenceKernels.channelSums, in its order).
void dist_rowpair_phasor_sums(const float *a, const float *b, const float *w, float scale, double *values,
                              double *phasorRe, double *phasorIm, long n);

/// Spectrogram segments into packed rows of `nfft` (re, im) pairs, two segments a row: segment s (the `length`
/// floats at x + starts[s]) goes to the real part of packed row s / 2 when s is even, the imaginary part when odd,
/// less its mean when `detrend` (summed in float64 in index order, as a plain loop), times `window` (float64),
/// then zeros to `nfft`. The sums of four segments run side by side (four independent chains of additions, the
/// same bits per segment). An odd count's last imaginary part is left to the caller.
void dist_rowpair_segments(const float *x, const long *starts, long count, long length, const double *window,
                           int detrend, long nfft, float *packed);

#endif
