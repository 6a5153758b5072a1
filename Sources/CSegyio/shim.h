#ifndef CSEGYIO_SHIM_H
#define CSEGYIO_SHIM_H
#include <segyio/segy.h>     // libsegyio-dev ships no .pc file
#endif
