#ifndef CLAPACKE_SHIM_H
#define CLAPACKE_SHIM_H
// Debian's OpenBLAS is built without LAPACKE (liblapacke-dev provides it, over OpenBLAS's LAPACK).
// Struct complex types, because Swift cannot import C99 _Complex.
#define HAVE_LAPACK_CONFIG_H 1
#define LAPACK_COMPLEX_STRUCTURE 1
#include <lapacke.h>
#endif
