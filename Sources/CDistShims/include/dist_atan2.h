// Hand-written: atan2 of many complex values at once (see dist_atan2.c).
#ifndef DIST_ATAN2_H
#define DIST_ATAN2_H

/// out[i] = atan2(im, re) of the complex value pairs[2i] + i·pairs[2i + 1], i < count, with an imaginary part of
/// -0 taken as +0 (numpy.angle of a half spectrum whose zero imaginary parts carry no sign). Within 2 ulp of
/// glibc's atan2 (Cephes' atan polynomial, Tests/DistSwiftNativeTests/VectorAtan2Tests.swift).
void dist_atan2_pairs(const double *pairs, long count, double *out);
/// The same of float32 pairs (each value widened exactly).
void dist_atan2_pairs_float(const float *pairs, long count, double *out);

#endif
