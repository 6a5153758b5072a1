/* The bound for the noise-log graph: read each chunk's .npy data (fread after the header) and run FFTW's batched
 * real-to-complex transform along time (rows = channels, length = samples), planned once with FFTW_MEASURE.
 * Usage: fft_bound f32|f64 CHUNK.npy...   Prints: "<seconds> <read seconds> <fft seconds>" (planning excluded). */
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

/* Opens an .npy file and leaves it positioned at the data; returns rows and columns from the header's shape. */
static FILE *open_npy(const char *path, long *rows, long *cols, int *fortran) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    unsigned char pre[10];
    if (fread(pre, 1, 10, f) != 10 || memcmp(pre, "\x93NUMPY", 6)) { fprintf(stderr, "%s: not npy\n", path); exit(1); }
    long hlen = pre[8] | (pre[9] << 8);
    if (pre[6] >= 2) { unsigned char b[2]; if (fread(b, 1, 2, f) != 2) exit(1); hlen |= ((long)b[0] << 16) | ((long)b[1] << 24); }
    char *h = calloc(hlen + 1, 1);
    if (fread(h, 1, hlen, f) != (size_t)hlen) exit(1);
    char *s = strstr(h, "'shape': (");
    if (!s || sscanf(s + 10, "%ld, %ld", rows, cols) != 2) { fprintf(stderr, "%s: no 2-D shape\n", path); exit(1); }
    *fortran = strstr(h, "'fortran_order': True") != NULL;
    if (!strstr(h, "'<f4'") && !strstr(h, "'<f8'")) { fprintf(stderr, "%s: not little-endian float32/float64\n", path); exit(1); }
    *fortran |= (strstr(h, "'<f4'") != NULL) << 1;  /* bit 1: float32 */
    free(h);
    return f;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s f32|f64 CHUNK.npy...\n", argv[0]); return 2; }
    int single = strcmp(argv[1], "f32") == 0;
    long rows, cols; int fortran;
    fclose(open_npy(argv[2], &rows, &cols, &fortran));
    if ((fortran >> 1) != single) { fprintf(stderr, "%s: dtype does not match %s\n", argv[2], argv[1]); return 1; }
    int n = (int)cols, howmany = (int)rows, nc = n / 2 + 1;
    size_t esize = single ? sizeof(float) : sizeof(double);
    void *in = single ? (void *)fftwf_alloc_real((size_t)rows * n) : (void *)fftw_alloc_real((size_t)rows * n);
    void *out = single ? (void *)fftwf_alloc_complex((size_t)rows * nc) : (void *)fftw_alloc_complex((size_t)rows * nc);
    memset(in, 0, rows * n * esize);
    fftwf_plan pf = NULL; fftw_plan pd = NULL;
    if (single) pf = fftwf_plan_many_dft_r2c(1, &n, howmany, in, NULL, 1, n, out, NULL, 1, nc, FFTW_MEASURE);
    else pd = fftw_plan_many_dft_r2c(1, &n, howmany, in, NULL, 1, n, out, NULL, 1, nc, FFTW_MEASURE);
    double tread = 0, tfft = 0, t0 = now();
    for (int i = 2; i < argc; i++) {
        double a = now();
        long r, c;
        FILE *f = open_npy(argv[i], &r, &c, &fortran);
        if (r != rows || c != cols || (fortran & 1) || ((fortran >> 1) != single)) { fprintf(stderr, "%s: shape differs\n", argv[i]); return 1; }
        if (fread(in, esize, (size_t)rows * n, f) != (size_t)rows * n) { fprintf(stderr, "%s: short read\n", argv[i]); return 1; }
        fclose(f);
        double b = now();
        if (single) fftwf_execute(pf); else fftw_execute(pd);
        tread += b - a; tfft += now() - b;
    }
    printf("%.4f %.4f %.4f\n", now() - t0, tread, tfft);
    return 0;
}
