// Hand-written: the cairo functions distswift draws with, each forwarding to libcairo.so.2 opened at run time.
// cairo is not a link-time dependency of the binary, so a process that never draws (a pool worker running a noise
// log, the controller) does not map cairo and the ~15 libraries it pulls in (pixman, fontconfig, freetype, png,
// X11/xcb): about 3.5 ms less start-up per process. The prototypes come from cairo's own headers, so the compiler
// checks every forwarder's signature. Callers make sure the library is there first (dist_cairo_load, called by
// DistSwiftNative's canvases, which turn a missing cairo into an error); a forwarder that still finds no library or
// symbol stops the process with the loader's reason rather than call a null pointer.
#include "dist_cairo.h"

#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <cairo/cairo-svg.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void *library;                 // written once under `once`
static char failure[512];             // the loader's reason when `library` is null, written under `once`

static void open_library(void) {
    library = dlopen("libcairo.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "libcairo.so.2 could not be loaded (%s); install cairo (apt-get install "
                 "libcairo2)", reason ? reason : "not found");
    }
}

int dist_cairo_load(char *message, long capacity) {
    pthread_once(&once, open_library);
    if (library) return 1;
    if (message && capacity > 0) snprintf(message, (size_t)capacity, "%s", failure);
    return 0;
}

static void *symbol(const char *name) {
    pthread_once(&once, open_library);
    void *address = library ? dlsym(library, name) : NULL;
    if (!address) {
        fprintf(stderr, "distswift: cairo function %s unavailable: %s\n", name, library ? "no such symbol" : failure);
        abort();
    }
    return address;
}

// Each forwarder looks its function up once; a relaxed atomic suffices (every thread finds the same address).
#define LOOKUP(NAME, TYPE)                                                                                             \
    static _Atomic(TYPE) cached;                                                                                       \
    TYPE f = atomic_load_explicit(&cached, memory_order_relaxed);                                                     \
    if (!f) { f = (TYPE)symbol(#NAME); atomic_store_explicit(&cached, f, memory_order_relaxed); }
#define FORWARD(RET, NAME, PARAMS, ARGS)                                                                               \
    RET NAME PARAMS { typedef RET(*fn_t) PARAMS; LOOKUP(NAME, fn_t) return f ARGS; }
#define FORWARD_VOID(NAME, PARAMS, ARGS)                                                                               \
    void NAME PARAMS { typedef void(*fn_t) PARAMS; LOOKUP(NAME, fn_t) f ARGS; }

FORWARD(cairo_t *, cairo_create, (cairo_surface_t *target), (target))
FORWARD_VOID(cairo_destroy, (cairo_t *cr), (cr))
FORWARD(cairo_status_t, cairo_status, (cairo_t *cr), (cr))
FORWARD(const char *, cairo_status_to_string, (cairo_status_t status), (status))
FORWARD_VOID(cairo_save, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_restore, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_translate, (cairo_t *cr, double tx, double ty), (cr, tx, ty))
FORWARD_VOID(cairo_scale, (cairo_t *cr, double sx, double sy), (cr, sx, sy))
FORWARD_VOID(cairo_rotate, (cairo_t *cr, double angle), (cr, angle))
FORWARD_VOID(cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue))
FORWARD_VOID(cairo_set_source_surface, (cairo_t *cr, cairo_surface_t *surface, double x, double y),
             (cr, surface, x, y))
FORWARD(cairo_pattern_t *, cairo_get_source, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_pattern_set_filter, (cairo_pattern_t *pattern, cairo_filter_t filter), (pattern, filter))
FORWARD_VOID(cairo_set_line_width, (cairo_t *cr, double width), (cr, width))
FORWARD_VOID(cairo_set_line_cap, (cairo_t *cr, cairo_line_cap_t line_cap), (cr, line_cap))
FORWARD_VOID(cairo_set_line_join, (cairo_t *cr, cairo_line_join_t line_join), (cr, line_join))
FORWARD_VOID(cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y))
FORWARD_VOID(cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y))
FORWARD_VOID(cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height))
FORWARD_VOID(cairo_stroke, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_fill, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_paint, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_clip, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_reset_clip, (cairo_t *cr), (cr))
FORWARD_VOID(cairo_select_font_face,
             (cairo_t *cr, const char *family, cairo_font_slant_t slant, cairo_font_weight_t weight),
             (cr, family, slant, weight))
FORWARD_VOID(cairo_set_font_size, (cairo_t *cr, double size), (cr, size))
FORWARD_VOID(cairo_show_text, (cairo_t *cr, const char *utf8), (cr, utf8))
FORWARD_VOID(cairo_text_extents, (cairo_t *cr, const char *utf8, cairo_text_extents_t *extents), (cr, utf8, extents))
FORWARD(cairo_surface_t *, cairo_image_surface_create, (cairo_format_t format, int width, int height),
        (format, width, height))
FORWARD(cairo_surface_t *, cairo_image_surface_create_from_png_stream, (cairo_read_func_t read_func, void *closure),
        (read_func, closure))
FORWARD(unsigned char *, cairo_image_surface_get_data, (cairo_surface_t *surface), (surface))
FORWARD(int, cairo_image_surface_get_width, (cairo_surface_t *surface), (surface))
FORWARD(int, cairo_image_surface_get_height, (cairo_surface_t *surface), (surface))
FORWARD(int, cairo_image_surface_get_stride, (cairo_surface_t *surface), (surface))
FORWARD(cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface))
FORWARD_VOID(cairo_surface_destroy, (cairo_surface_t *surface), (surface))
FORWARD_VOID(cairo_surface_finish, (cairo_surface_t *surface), (surface))
FORWARD_VOID(cairo_surface_flush, (cairo_surface_t *surface), (surface))
FORWARD_VOID(cairo_surface_mark_dirty, (cairo_surface_t *surface), (surface))
FORWARD(cairo_status_t, cairo_surface_write_to_png, (cairo_surface_t *surface, const char *filename),
        (surface, filename))
FORWARD(cairo_status_t, cairo_surface_write_to_png_stream,
        (cairo_surface_t *surface, cairo_write_func_t write_func, void *closure), (surface, write_func, closure))
FORWARD(cairo_surface_t *, cairo_svg_surface_create_for_stream,
        (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points),
        (write_func, closure, width_in_points, height_in_points))
FORWARD(cairo_surface_t *, cairo_pdf_surface_create_for_stream,
        (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points),
        (write_func, closure, width_in_points, height_in_points))
