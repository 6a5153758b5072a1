// Hand-written: cairo loaded at run time (see dist_cairo.c).
#ifndef DIST_CAIRO_H
#define DIST_CAIRO_H

/// Opens libcairo.so.2 once (later calls return at once). Returns 1 when cairo is usable; otherwise 0 with the
/// loader's reason in `message` (capacity bytes, NUL-terminated).
int dist_cairo_load(char *message, long capacity);

#endif
