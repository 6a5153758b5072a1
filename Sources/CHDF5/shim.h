#ifndef CHDF5_SHIM_H
#define CHDF5_SHIM_H
// pkgConfig "hdf5-serial" adds -I/usr/include/hdf5/serial; the fallback keeps the module building without pkg-config.
#if __has_include(<hdf5.h>)
#include <hdf5.h>
#include <hdf5_hl.h>
#else
#include <hdf5/serial/hdf5.h>
#include <hdf5/serial/hdf5_hl.h>
#endif
#endif
