// The run-time choice among a kernel's vector levels, shared by the C files that compile one body at several
// targets (NAME_avx512, NAME_avx2, NAME_base — each file's TARGETED macro makes them, with its own signature):
// DISPATCH calls the one the requested level resolves to on this processor (`dist_sliding_vector_bits`:
// the best it has for level 0, the level asked for otherwise, never one it lacks). A private header: not part
// of the module the Swift side imports.
#ifndef DIST_DISPATCH_H
#define DIST_DISPATCH_H
#include "dist_sliding.h"

// Whether this processor has AVX2, for the kernels that are compiled once more with AVX2 and otherwise run their
// baseline build (no level to ask for).
#if defined(__x86_64__)
static inline int dist_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}
#else
static inline int dist_has_avx2(void) { return 0; }
#endif

#if defined(__x86_64__)
#define DISPATCH(LEVEL, NAME, ...)                                                                                     \
    switch (dist_sliding_vector_bits(LEVEL)) {                                                                         \
    case 512: NAME##_avx512(__VA_ARGS__); break;                                                                       \
    case 256: NAME##_avx2(__VA_ARGS__); break;                                                                         \
    default: NAME##_base(__VA_ARGS__); break;                                                                          \
    }
#else
#define DISPATCH(LEVEL, NAME, ...) (void)(LEVEL); NAME##_base(__VA_ARGS__);
#endif
#endif
