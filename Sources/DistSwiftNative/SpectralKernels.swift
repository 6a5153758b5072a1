import CDistShims

/// DASCore's spectral descriptors, as CDistShims/dist_spectral.c computes them from the power |X(f)|² of a
/// channel's selected bins (raw values: dist_spectral.h's constants).
public enum SpectralDescriptor: Int32, Sendable {
    /// Σ f·P / Σ P.
    case centroid = 0
    /// The first frequency where the cumulative power reaches half the total.
    case median = 1
    /// The frequency of the largest power, the lowest on ties.
    case peak = 2
    /// Geometric over arithmetic mean of P / max P, in [0, 1].
    case flatness = 3
    /// −Σ q log2 q with q = P / Σ P, over log2 of the number of bins.
    case entropy = 4
    /// The same, not divided.
    case entropyRaw = 5
}

/// Kernels of the spectral commands on typed arrays: the descriptors of every channel's spectrum, and the layouts
/// of DASCore's `dft` (scaled, and the two-sided spectrum in increasing frequency from the one-sided one).
public enum SpectralKernels {
    /// One descriptor per row of `rows` spectra of `columns` bins as (re, im) pairs, from the bins `bins` (ascending
    /// frequency, `frequencies` theirs; at least one).
    public static func descriptor(_ kind: SpectralDescriptor, pairs: [Double], rows: Int, columns: Int, bins: [Int],
                                  frequencies: [Double]) -> [Double] {
        precondition(pairs.count == 2 * rows * columns)
        return descriptorRows(rows: rows, bins: bins, frequencies: frequencies) { b, f, scratch, out in
            pairs.withUnsafeBufferPointer {
                dist_spectral_rows(kind.rawValue, $0.baseAddress, rows, columns, b, bins.count, f, scratch, out)
            }
        }
    }

    public static func descriptor(_ kind: SpectralDescriptor, pairs: [Float], rows: Int, columns: Int, bins: [Int],
                                  frequencies: [Double]) -> [Double] {
        precondition(pairs.count == 2 * rows * columns)
        return descriptorRows(rows: rows, bins: bins, frequencies: frequencies) { b, f, scratch, out in
            pairs.withUnsafeBufferPointer {
                dist_spectral_rows_float(kind.rawValue, $0.baseAddress, rows, columns, b, bins.count, f, scratch, out)
            }
        }
    }

    /// The same from separate real and imaginary parts.
    public static func descriptor(_ kind: SpectralDescriptor, real: [Double], imaginary: [Double], rows: Int,
                                  columns: Int, bins: [Int], frequencies: [Double]) -> [Double] {
        precondition(real.count == rows * columns && imaginary.count == real.count)
        return descriptorRows(rows: rows, bins: bins, frequencies: frequencies) { b, f, scratch, out in
            real.withUnsafeBufferPointer { re in
                imaginary.withUnsafeBufferPointer { im in
                    dist_spectral_rows_split(kind.rawValue, re.baseAddress, im.baseAddress, rows, columns, b,
                                             bins.count, f, scratch, out)
                }
            }
        }
    }

    private static func descriptorRows(
        rows: Int, bins: [Int], frequencies: [Double],
        _ run: (UnsafePointer<Int>, UnsafePointer<Double>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Void
    ) -> [Double] {
        precondition(!bins.isEmpty && frequencies.count == bins.count)
        var scratch = [Double](repeating: 0, count: bins.count)
        return [Double](unsafeUninitializedCapacity: rows) { out, initialised in
            bins.withUnsafeBufferPointer { b in
                frequencies.withUnsafeBufferPointer { f in
                    scratch.withUnsafeMutableBufferPointer { s in
                        run(b.baseAddress!, f.baseAddress!, s.baseAddress!, out.baseAddress!)
                    }
                }
            }
            initialised = rows
        }
    }

    /// Σ log x of `values` as the descriptors compute it (fdlibm's log, 8 partial sums): for the kernel's test.
    public static func logSum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { dist_log_sum($0.baseAddress, $0.count) }
    }

    /// Every value times `factor`, in place (DASCore's dft scales by the sample spacing).
    public static func scale<S: FFTWScalar>(_ values: inout [S], by factor: S) {
        values.withUnsafeMutableBufferPointer { p in
            S.fftwScale(p.baseAddress!, into: p.baseAddress!, count: p.count, by: factor)
        }
    }

    /// The full DFT of real rows of length m from their half spectra (rows × bins (re, im) pairs), reordered as
    /// numpy's fftshift (bins m/2 … m−1 first) and times `scale`: the negative frequencies from the conjugate
    /// symmetry X[m−k] = conj X[k], each output pair written once. Inlinable so that each precision's caller gets
    /// its own compiled loop (generic code across modules would convert and multiply through the protocol).
    @inlinable
    public static func shiftedFull<S: FFTWScalar>(half: [S], rows: Int, bins: Int, length m: Int, scale: S) -> [S] {
        precondition(half.count == 2 * rows * bins && bins == m / 2 + 1)
        let shift = m / 2
        return FreshBuffer.array(2 * rows * m) { out in
            half.withUnsafeBufferPointer { x in
                for r in 0..<rows {
                    for k in 0..<m {
                        let source = (k + m - shift) % m
                        let (bin, sign): (Int, S) = source < bins ? (source, 1) : (m - source, -1)
                        out[2 * (r * m + k)] = x[2 * (r * bins + bin)] * scale
                        out[2 * (r * m + k) + 1] = sign * x[2 * (r * bins + bin) + 1] * scale
                    }
                }
            }
        }
    }
}
