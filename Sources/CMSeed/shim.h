#ifndef CMSEED_SHIM_H
#define CMSEED_SHIM_H
#include <libmseed.h>     // libmseed-dev (2.x) ships no .pc file
#endif
