/// The CUDA backend's kernels as CUDA C++ source, compiled by NVRTC once per worker for the GPU at hand
/// (docs/backends.md: why at run time rather than ahead of time). Each kernel is a template over the stored
/// precision T (float or double) with an `extern "C"` entry point per precision (`_f32`, `_f64`), so the names are
/// not mangled. Arithmetic of filters and sums is in double whatever T is, as on the CPU.
enum CUDAKernelSource {
    /// The most second-order sections a zero-phase filter may have on the device (order 16 bandpass); longer
    /// cascades run on the CPU.
    static let maximumSections = 16

    static let kernelNames: [String] = ["sosfiltfilt", "band_energy", "spectrum_to_real", "abs_real", "row_statistic",
                                        "copy_columns", "scale"].flatMap { ["\($0)_f32", "\($0)_f64"] }

    static let source = #"""
    #define MAXS 16
    typedef unsigned long long u64;

    // Sample t of the row extended by `pad` samples at both ends (scipy's even_ext 0, odd_ext 1, const_ext 2).
    template <typename T>
    __device__ inline double extended_at(const T* __restrict__ x, int n, int pad, int padType, int t) {
        int i = t - pad;
        if (i < 0) {
            double v = (double)x[-i];
            return padType == 0 ? v : (padType == 1 ? 2.0 * (double)x[0] - v : (double)x[0]);
        }
        if (i >= n) {
            double v = (double)x[n - 2 - (i - n)];
            return padType == 0 ? v : (padType == 1 ? 2.0 * (double)x[n - 1] - v : (double)x[n - 1]);
        }
        return (double)x[i];
    }

    // One thread per row: the cascade forward over the extended row into `scratch` (time-major, so a warp's
    // accesses are contiguous), then backward, writing the middle n samples. Transposed direct form II as scipy's
    // sosfilt; each pass starts in the steady state of its first sample (zi × level).
    template <typename T>
    __device__ void sosfiltfilt(const T* __restrict__ in, T* __restrict__ out, double* __restrict__ scratch,
                                int rows, int n, int pad, int padType, int ns,
                                const double* __restrict__ coefficients, const double* __restrict__ zi) {
        __shared__ double c[5 * MAXS];
        __shared__ double z[2 * MAXS];
        for (int i = threadIdx.x; i < 5 * ns; i += blockDim.x) c[i] = coefficients[i];
        for (int i = threadIdx.x; i < 2 * ns; i += blockDim.x) z[i] = zi[i];
        __syncthreads();
        int r = blockIdx.x * blockDim.x + threadIdx.x;
        if (r >= rows) return;
        const T* x = in + (u64)r * n;
        int total = n + 2 * pad;
        double z0[MAXS], z1[MAXS];
        double level = extended_at(x, n, pad, padType, 0);
        #pragma unroll
        for (int s = 0; s < MAXS; ++s) { if (s < ns) { z0[s] = z[2 * s] * level; z1[s] = z[2 * s + 1] * level; } }
        for (int t = 0; t < total; ++t) {
            double v = extended_at(x, n, pad, padType, t);
            #pragma unroll
            for (int s = 0; s < MAXS; ++s) {
                if (s < ns) {
                    double y = c[5 * s] * v + z0[s];
                    z0[s] = c[5 * s + 1] * v - c[5 * s + 3] * y + z1[s];
                    z1[s] = c[5 * s + 2] * v - c[5 * s + 4] * y;
                    v = y;
                }
            }
            scratch[(u64)t * rows + r] = v;
        }
        level = scratch[(u64)(total - 1) * rows + r];
        #pragma unroll
        for (int s = 0; s < MAXS; ++s) { if (s < ns) { z0[s] = z[2 * s] * level; z1[s] = z[2 * s + 1] * level; } }
        T* o = out + (u64)r * n;
        for (int t = total - 1; t >= 0; --t) {
            double v = scratch[(u64)t * rows + r];
            #pragma unroll
            for (int s = 0; s < MAXS; ++s) {
                if (s < ns) {
                    double y = c[5 * s] * v + z0[s];
                    z0[s] = c[5 * s + 1] * v - c[5 * s + 3] * y + z1[s];
                    z1[s] = c[5 * s + 2] * v - c[5 * s + 4] * y;
                    v = y;
                }
            }
            if (t >= pad && t < pad + n) o[t - pad] = (T)v;
        }
    }

    // A block per (row, band): Σ w_k (re² + im²) over the band's bins [lo, hi), w = 1 at DC and Nyquist, else 2,
    // summed in double; out = sum / n, or sqrt(sum / n / n) for rms.
    template <typename T>
    __device__ void band_energy(const T* __restrict__ spectrum, double* __restrict__ out, int bins, int n,
                                int bands, const int* __restrict__ ranges, int rms) {
        __shared__ double partial[256];
        int r = blockIdx.x, b = blockIdx.y;
        int lo = ranges[2 * b], hi = ranges[2 * b + 1];
        int nyquist = (n % 2 == 0) ? n / 2 : -1;
        const T* row = spectrum + (u64)r * 2 * bins;
        double sum = 0.0;
        for (int k = lo + threadIdx.x; k < hi; k += blockDim.x) {
            double re = (double)row[2 * k], im = (double)row[2 * k + 1];
            double w = (k == 0 || k == nyquist) ? 1.0 : 2.0;
            sum += w * (re * re + im * im);
        }
        partial[threadIdx.x] = sum;
        __syncthreads();
        for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
            if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            double energy = partial[0] / (double)n;
            out[(u64)r * bands + b] = rms ? sqrt(energy / (double)n) : energy;
        }
    }

    // A half spectrum (rows × bins pairs) completed to rows × n by conjugate symmetry: |X| (op 0) or Re X (op 1).
    template <typename T>
    __device__ void spectrum_to_real(const T* __restrict__ spectrum, T* __restrict__ out, int rows, int bins, int n,
                                     int op) {
        u64 total = (u64)rows * n;
        for (u64 i = blockIdx.x * (u64)blockDim.x + threadIdx.x; i < total; i += (u64)gridDim.x * blockDim.x) {
            int r = (int)(i / n), k = (int)(i % n);
            int source = k < bins ? k : n - k;
            double re = (double)spectrum[((u64)r * bins + source) * 2];
            double im = (double)spectrum[((u64)r * bins + source) * 2 + 1];
            out[i] = (T)(op == 0 ? sqrt(re * re + im * im) : re);
        }
    }

    template <typename T>
    __device__ void abs_real(const T* __restrict__ in, T* __restrict__ out, u64 count) {
        for (u64 i = blockIdx.x * (u64)blockDim.x + threadIdx.x; i < count; i += (u64)gridDim.x * blockDim.x)
            out[i] = in[i] < (T)0 ? -in[i] : in[i];
    }

    // A block per row: sum (0), mean (1) or population standard deviation (2), in double.
    template <typename T>
    __device__ void row_statistic(const T* __restrict__ in, double* __restrict__ out, int columns, int statistic) {
        __shared__ double partial[256];
        const T* row = in + (u64)blockIdx.x * columns;
        double sum = 0.0;
        for (int k = threadIdx.x; k < columns; k += blockDim.x) sum += (double)row[k];
        partial[threadIdx.x] = sum;
        __syncthreads();
        for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
            if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
            __syncthreads();
        }
        double total = partial[0];
        double mean = total / (double)(columns > 0 ? columns : 1);
        if (statistic != 2) {
            if (threadIdx.x == 0) out[blockIdx.x] = statistic == 0 ? total : mean;
            return;
        }
        __syncthreads();
        double squares = 0.0;
        for (int k = threadIdx.x; k < columns; k += blockDim.x) {
            double d = (double)row[k] - mean;
            squares += d * d;
        }
        partial[threadIdx.x] = squares;
        __syncthreads();
        for (int stride = blockDim.x / 2; stride > 0; stride /= 2) {
            if (threadIdx.x < stride) partial[threadIdx.x] += partial[threadIdx.x + stride];
            __syncthreads();
        }
        if (threadIdx.x == 0) out[blockIdx.x] = sqrt(partial[0] / (double)(columns > 0 ? columns : 1));
    }

    template <typename T>
    __device__ void copy_columns(const T* __restrict__ in, T* __restrict__ out, int rows, int inColumns, int first,
                                 int outColumns) {
        u64 total = (u64)rows * outColumns;
        for (u64 i = blockIdx.x * (u64)blockDim.x + threadIdx.x; i < total; i += (u64)gridDim.x * blockDim.x) {
            u64 r = i / outColumns, k = i % outColumns;
            out[i] = in[r * inColumns + first + k];
        }
    }

    template <typename T>
    __device__ void scale(T* __restrict__ x, u64 count, double factor) {
        for (u64 i = blockIdx.x * (u64)blockDim.x + threadIdx.x; i < count; i += (u64)gridDim.x * blockDim.x)
            x[i] = (T)((double)x[i] * factor);
    }

    #define ENTRY(T, SUFFIX) \
    extern "C" __global__ void sosfiltfilt_##SUFFIX(const T* in, T* out, double* scratch, int rows, int n, int pad, \
        int padType, int ns, const double* coefficients, const double* zi) { \
        sosfiltfilt<T>(in, out, scratch, rows, n, pad, padType, ns, coefficients, zi); } \
    extern "C" __global__ void band_energy_##SUFFIX(const T* spectrum, double* out, int bins, int n, int bands, \
        const int* ranges, int rms) { band_energy<T>(spectrum, out, bins, n, bands, ranges, rms); } \
    extern "C" __global__ void spectrum_to_real_##SUFFIX(const T* spectrum, T* out, int rows, int bins, int n, \
        int op) { spectrum_to_real<T>(spectrum, out, rows, bins, n, op); } \
    extern "C" __global__ void abs_real_##SUFFIX(const T* in, T* out, u64 count) { abs_real<T>(in, out, count); } \
    extern "C" __global__ void row_statistic_##SUFFIX(const T* in, double* out, int columns, int statistic) { \
        row_statistic<T>(in, out, columns, statistic); } \
    extern "C" __global__ void copy_columns_##SUFFIX(const T* in, T* out, int rows, int inColumns, int first, \
        int outColumns) { copy_columns<T>(in, out, rows, inColumns, first, outColumns); } \
    extern "C" __global__ void scale_##SUFFIX(T* x, u64 count, double factor) { scale<T>(x, count, factor); }

    ENTRY(float, f32)
    ENTRY(double, f64)
    """#
}
