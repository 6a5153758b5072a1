#ifndef CFFTW3_SHIM_H
#define CFFTW3_SHIM_H
// Never include <complex.h> first: fftw_complex would become `double _Complex`, which Swift cannot import.
#include <fftw3.h>
#endif
