// glibc allocator tuning; <malloc.h> is not part of Swift's Glibc module. Hand-written (not generated).
#ifndef DIST_MALLOC_SHIM_H
#define DIST_MALLOC_SHIM_H
/// Sets glibc's mmap threshold, heap trim threshold (bytes) and the most allocations served by mmap (0: none);
/// returns 1 when all were accepted.
int dist_set_malloc_thresholds(int mmap_threshold, int trim_threshold, int mmap_max);
#endif
