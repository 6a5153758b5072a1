#ifndef CCAIRO_SHIM_H
#define CCAIRO_SHIM_H
#if __has_include(<cairo.h>)
#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
#else
#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <cairo/cairo-pdf.h>
#endif
#endif
