// glibc allocator tuning; <malloc.h> is not part of Swift's Glibc module. Hand-written (not generated).
#ifndef DIST_MALLOC_SHIM_H
#define DIST_MALLOC_SHIM_H
/// Sets glibc's mmap threshold and heap trim threshold (bytes); returns 1 when both were accepted.
int dist_set_malloc_thresholds(int mmap_threshold, int trim_threshold);
#endif
