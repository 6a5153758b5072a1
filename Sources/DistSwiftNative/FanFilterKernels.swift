import Foundation

/// DASCore's `slope_filter` (an f–k fan filter by apparent velocity) on a real chunk, through its half spectrum:
/// DASCore transforms the zero-padded chunk in 2-D (complex, every bin), multiplies each bin by the fan's gain,
/// transforms back and keeps the real part. The real part of that is the inverse of the Hermitian part of the
/// product, so the same result comes from the half spectrum of real data alone — each bin (k, f) times the mean of
/// the gains at (k, f) and at its twin (−k, −f) (equal but at the rare bins where f/(k + ε) and −f/(−k + ε) fall on
/// different sides of a taper edge, and at the Nyquist column with `directional`) — with half the transforms and
/// half the memory: rows along time two at a time through FFTW's complex plans (`PairedRowPlans`), the columns
/// along distance in place in a cached FFTW-aligned array (`ColumnTransformPlans`), and the rows back.
public enum FanFilterKernels {
    /// DASCore's fan: velocities [va, vb, vc, vd] (m/s), a quarter-sine taper from va to vb and from vc to vd.
    public struct Fan: Sendable {
        public let filt: [Double]
        public let directional: Bool
        public let invert: Bool

        public init(filt: [Double], directional: Bool, invert: Bool) {
            precondition(filt.count == 4)
            self.filt = filt
            self.directional = directional
            self.invert = invert
        }

        /// DASCore's gain at apparent velocity v = f / (k + ε) (its absolute value unless directional).
        public func gain(_ velocity: Double) -> Double {
            let v = directional ? velocity : abs(velocity)
            var fac = 1.0
            if v >= filt[0] && v <= filt[1] { fac = 1 - sin(0.5 * Double.pi * (v - filt[0]) / (filt[1] - filt[0])) }
            if v >= filt[1] && v <= filt[2] { fac = 0 }
            if v >= filt[2] && v <= filt[3] { fac = sin(0.5 * Double.pi * (v - filt[2]) / (filt[3] - filt[2])) }
            return invert ? fac : 1 - fac
        }
    }

    /// The filtered rows × columns chunk (distance × time, row-major), zero-padded to paddedRows × paddedColumns for
    /// the transforms; `wavenumbers` (paddedRows, 1/m) and `frequencies` (paddedColumns, Hz) are numpy's fftfreq of
    /// the padded lengths. In the input's precision.
    public static func filtered(_ x: [Float], rows: Int, columns: Int, paddedRows: Int, paddedColumns: Int,
                                wavenumbers: [Double], frequencies: [Double], fan: Fan,
                                plans: FFTWRowPlans = FFTWRowPlans()) -> [Float] {
        run(x, rows: rows, columns: columns, paddedRows: paddedRows, paddedColumns: paddedColumns,
            wavenumbers: wavenumbers, frequencies: frequencies, fan: fan, compute: Float.self, plans: plans)
    }

    public static func filtered(_ x: [Double], rows: Int, columns: Int, paddedRows: Int, paddedColumns: Int,
                                wavenumbers: [Double], frequencies: [Double], fan: Fan,
                                plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        run(x, rows: rows, columns: columns, paddedRows: paddedRows, paddedColumns: paddedColumns,
            wavenumbers: wavenumbers, frequencies: frequencies, fan: fan, compute: Double.self, plans: plans)
    }

    /// A float32 chunk filtered in float64 (each pair of rows widened as it is read).
    public static func filteredWidened(_ x: [Float], rows: Int, columns: Int, paddedRows: Int, paddedColumns: Int,
                                       wavenumbers: [Double], frequencies: [Double], fan: Fan,
                                       plans: FFTWRowPlans = FFTWRowPlans()) -> [Double] {
        run(x, rows: rows, columns: columns, paddedRows: paddedRows, paddedColumns: paddedColumns,
            wavenumbers: wavenumbers, frequencies: frequencies, fan: fan, compute: Double.self, plans: plans)
    }

    static func run<I: BinaryFloatingPoint, S: FFTWScalar>(
        _ x: [I], rows: Int, columns: Int, paddedRows nx: Int, paddedColumns nt: Int, wavenumbers k: [Double],
        frequencies f: [Double], fan: Fan, compute: S.Type, plans cache: FFTWRowPlans
    ) -> [S] {
        precondition(x.count == rows * columns && nx >= rows && nt >= columns && k.count == nx && f.count == nt,
                     "a \(rows)×\(columns) chunk padded to \(nx)×\(nt) with \(k.count) wavenumbers, \(f.count) frequencies")
        guard rows > 0, columns > 0 else { return [] }
        let bins = nt / 2 + 1
        return cache.withColumnPlans(S.self, rows: nx, columns: bins) { half in
            cache.withPairedPlans(S.self, length: nt, inverseLength: nt) { pairs in
                let h = half.data
                // Rows along time: the half spectrum of each, two rows per complex transform.
                x.withUnsafeBufferPointer { x in
                    for first in stride(from: 0, to: rows, by: 2) {
                        let a = x.baseAddress! + first * columns, paired = first + 1 < rows
                        pairs.pack(a, paired ? a + columns : nil, count: columns)
                        pairs.forward()
                        let ha = h + 2 * first * bins, hb = ha + 2 * bins
                        RowSpectrumKernels.separated(pairs.spectrum, length: nt, bins: bins, scale: 1) { c, ar, ai, br, bi in
                            (ha[2 * c], ha[2 * c + 1]) = (ar, ai)
                            if paired { (hb[2 * c], hb[2 * c + 1]) = (br, bi) }
                        }
                    }
                }
                if nx > rows { (h + 2 * rows * bins).update(repeating: 0, count: 2 * (nx - rows) * bins) }
                // Columns along distance, the fan's gain, and back.
                half.forward()
                applyGains(h, rows: nx, bins: bins, paddedColumns: nt, wavenumbers: k, frequencies: f, fan: fan)
                half.backward()
                // Rows back to time: two half spectra rebuilt as one Hermitian pair A + i·B, one inverse each.
                let scale = S(1 / (Double(nx) * Double(nt)))
                return FreshBuffer.array(rows * columns) { out in
                    for first in stride(from: 0, to: rows, by: 2) {
                        let paired = first + 1 < rows
                        packHermitian(h + 2 * first * bins, paired ? h + 2 * (first + 1) * bins : nil, bins: bins,
                                      into: pairs.edited, length: nt)
                        pairs.backward()
                        let w = pairs.output, ta = out.baseAddress! + first * columns
                        for t in 0..<columns { ta[t] = w[2 * t] * scale }
                        if paired {
                            let tb = ta + columns
                            for t in 0..<columns { tb[t] = w[2 * t + 1] * scale }
                        }
                    }
                }
            }
        }
    }

    /// Each bin (r, c) of the half spectrum times the mean of the fan's gains at (k[r], f[c]) and at its twin
    /// (k[−r], f[−c]) (indices modulo the padded lengths).
    static func applyGains<S: FFTWScalar>(_ h: UnsafeMutablePointer<S>, rows nx: Int, bins: Int, paddedColumns nt: Int,
                                          wavenumbers k: [Double], frequencies f: [Double], fan: Fan) {
        k.withUnsafeBufferPointer { k in
            f.withUnsafeBufferPointer { f in
                for r in 0..<nx {
                    let kr = k[r] + Double.ulpOfOne, km = k[(nx - r) % nx] + Double.ulpOfOne
                    let row = h + 2 * r * bins
                    for c in 0..<bins {
                        let g1 = fan.gain(f[c] / kr), g2 = fan.gain(f[(nt - c) % nt] / km)
                        let g = S(g1 == g2 ? g1 : (g1 + g2) / 2)
                        row[2 * c] *= g
                        row[2 * c + 1] *= g
                    }
                }
            }
        }
    }

    /// The full spectra of two real rows from their half spectra a and b (`bins` pairs; b nil: zeros), packed as
    /// A + i·B into `y` (`length` pairs): A + i·B at k, conj A + i·conj B at −k, the imaginary parts of DC and of an
    /// even length's Nyquist bin dropped (numpy's irfft ignores them).
    static func packHermitian<S: FFTWScalar>(_ a: UnsafeMutablePointer<S>, _ b: UnsafeMutablePointer<S>?, bins: Int,
                                             into y: UnsafeMutablePointer<S>, length n: Int) {
        let nyquist = n % 2 == 0 ? n / 2 : -1
        for k in 0..<bins {
            let (ar, ai) = (a[2 * k], a[2 * k + 1])
            let (br, bi) = b.map { ($0[2 * k], $0[2 * k + 1]) } ?? (0, 0)
            if k == 0 || k == nyquist {
                (y[2 * k], y[2 * k + 1]) = (ar, br)
            } else {
                (y[2 * k], y[2 * k + 1]) = (ar - bi, ai + br)
                (y[2 * (n - k)], y[2 * (n - k) + 1]) = (ar + bi, br - ai)
            }
        }
    }
}
