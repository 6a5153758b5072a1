// Hand-written: medians of rows by radix selection (see dist_select.c).
#ifndef DIST_SELECT_H
#define DIST_SELECT_H

/// numpy.nanmedian of each row of a row-major `rows` × `n` array, subtracted from the row: out = x − median, the
/// difference taken in float64 and rounded once to the output's type (`x_single` / `out_single`: float32, else
/// float64). `out` may be `x` (in place, same element type). A row of NaN only becomes NaN.
void dist_subtract_row_medians(const void *x, int x_single, void *out, int out_single, long rows, long n);

/// numpy.nanmedian of `n` values (float32 when `single`, else float64); NaN when there is none.
double dist_median(const void *x, int single, long n);

#endif
