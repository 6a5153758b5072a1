#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
// Also declares openblas_set_num_threads / openblas_get_corename.
#include <cblas.h>
#endif
