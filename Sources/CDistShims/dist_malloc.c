// Hand-written (not generated): see include/dist_malloc.h.
#include <malloc.h>
#include "dist_malloc.h"

int dist_set_malloc_thresholds(int mmap_threshold, int trim_threshold, int mmap_max) {
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1
        && mallopt(M_MMAP_MAX, mmap_max) == 1;
}
