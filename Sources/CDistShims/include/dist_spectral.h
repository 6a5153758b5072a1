// Hand-written: DASCore's spectral descriptors of many channels' spectra (see dist_spectral.c).
#ifndef DIST_SPECTRAL_H
#define DIST_SPECTRAL_H

/// The descriptors, as DASCore 0.1.24 defines them on the power |X(f)|² of a channel's selected bins.
enum {
    DIST_SPECTRAL_CENTROID = 0,       // Σ f·P / Σ P
    DIST_SPECTRAL_MEDIAN = 1,         // first f where the cumulative power reaches half the total
    DIST_SPECTRAL_PEAK = 2,           // f of the largest P, the lowest on ties
    DIST_SPECTRAL_FLATNESS = 3,       // geometric over arithmetic mean of P / max P, clamped to [0, 1]
    DIST_SPECTRAL_ENTROPY = 4,        // −Σ q log2 q, q = P / Σ P, over log2 of the number of bins
    DIST_SPECTRAL_ENTROPY_RAW = 5,    // the same, not divided
};

/// One descriptor per row of `rows` spectra of `columns` bins each, from the bins `bins[0..count)` of every row
/// (frequencies[j] the frequency of bins[j], ascending), into out[row]. `scratch` holds `count` doubles. The spectra
/// as (re, im) pairs of doubles, of floats, or as separate real and imaginary arrays.
void dist_spectral_rows(int statistic, const double *pairs, long rows, long columns, const long *bins, long count,
                        const double *frequencies, double *scratch, double *out);
void dist_spectral_rows_float(int statistic, const float *pairs, long rows, long columns, const long *bins,
                              long count, const double *frequencies, double *scratch, double *out);
void dist_spectral_rows_split(int statistic, const double *re, const double *im, long rows, long columns,
                              const long *bins, long count, const double *frequencies, double *scratch, double *out);

/// Σ log(x[i]) over n values, the logarithm evaluated 4 or 8 at a time (fdlibm's, within 1 ulp of glibc's); values
/// that are not positive normal numbers go through glibc's log. Exposed for the kernel's test.
double dist_log_sum(const double *x, long n);

#endif
