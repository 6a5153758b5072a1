import DistSwiftIO
import DistSwiftNative

/// A frequency band [low, high) in Hz and its band energy from a spectrum along time: the mathematics of
/// `rms_from_fft`, `te_from_fft` and `multiple_calcs`.
///
/// distpy (reference §2.1, bugs §7.2 #10–12) truncates band edges to bins, excludes the Nyquist bin, weights the
/// first and last bin of *every band* by 1, and divides the RMS by a count that depends on the channel-block size.
/// distswift uses Parseval's theorem instead: for real data of n samples, bin k (0 < k < n/2) stands for two
/// two-sided bins and DC and Nyquist for one, so
///     energy(band) = (1/n) Σ_k w_k |X_k|²,  w_k = 1 for k = 0 and k = n/2, else 2,
/// which is exactly Σ_t y(t)² of the band-passed signal y, and rms = sqrt(energy / n). Bins with
/// low ≤ f_k < high belong to the band, and a band reaching Nyquist includes the Nyquist bin.
public struct FrequencyBand: Sendable, Equatable {
    public let lowHz: Double
    /// nil = up to and including Nyquist (distpy's high_freq ≤ 0).
    public let highHz: Double?

    public init(lowHz: Double, highHz: Double?) {
        self.lowHz = lowHz
        self.highHz = highHz
    }

    /// "100-400 Hz", "800 Hz-Nyquist": the band's name on an axis.
    public var label: String {
        "\(Axis.number(lowHz))-" + (highHz.map { "\(Axis.number($0)) Hz" } ?? "Nyquist")
    }

    /// distpy's convention: high_freq ≤ 0 means Nyquist.
    public init(distpyLow low: Double, high: Double) {
        self.init(lowHz: low, highHz: high > 0 ? high : nil)
    }

    /// The `low_freq` / `high_freq` lists of a multi-band command (multiple_calcs, write_witsml, write_prodml_fbe),
    /// refused when empty or of different lengths (distpy fails there with an IndexError).
    static func pairedEdges(_ p: ParameterValues) throws -> (low: [Double], high: [Double]) {
        let low = p.numbers("low_freq"), high = p.numbers("high_freq")
        guard !low.isEmpty else {
            throw ParameterProblem("low_freq", "is empty", fix: "give one low_freq/high_freq pair per band")
        }
        guard high.count == low.count else {
            throw ParameterProblem("high_freq", "has \(high.count) entries but low_freq has \(low.count)",
                                   fix: "give one high_freq per low_freq")
        }
        return (low, high)
    }

    /// The band of a single-band command's `low_freq` and `high_freq` parameters, refused when empty or negative.
    init(singleBand p: ParameterValues) throws {
        self.init(distpyLow: p.number("low_freq"), high: p.number("high_freq"))
        if let problem = problems(rate: nil, low: "low_freq", high: "high_freq").first { throw problem }
    }

    /// A single-band command's checks against the data's rate.
    func singleBandProblems(_ context: GraphContext) -> [ParameterProblem] {
        problems(rate: context.samplingRateHz, low: "low_freq", high: "high_freq")
    }

    /// Problems with the band for data at `rate` (nil rate: only the rate-free checks), reported against the
    /// parameters that hold its edges (`low_freq`, `high_freq[2]`, …).
    func problems(rate: Double?, low: String, high highName: String) -> [ParameterProblem] {
        var out: [ParameterProblem] = []
        if lowHz < 0 { out.append(ParameterProblem(low, "low frequency \(lowHz) Hz is negative")) }
        if let high = highHz, high <= lowHz {
            out.append(ParameterProblem(highName, "band \(lowHz)–\(high) Hz is empty (high ≤ low)",
                                        fix: "give high_freq > low_freq, or -1 for Nyquist"))
        }
        if let rate {
            let nyquist = rate / 2
            if lowHz >= nyquist {
                out.append(ParameterProblem(low, "low frequency \(lowHz) Hz is at or above Nyquist "
                    + "(\(nyquist) Hz for data at \(rate) Hz)"))
            }
            if let high = highHz, high > nyquist {
                out.append(ParameterProblem(highName, "high frequency \(high) Hz is above Nyquist (\(nyquist) Hz "
                    + "for data at \(rate) Hz)", fix: "use -1 for 'up to Nyquist'"))
            }
        }
        return out
    }

    /// The bins of a spectrum of `n` samples at `rate` that the band covers, with their Parseval weights.
    public func bins(samples n: Int, rate: Double) -> [(bin: Int, weight: Double)] {
        let lastBin = n / 2
        func frequency(_ k: Int) -> Double { Double(k) * rate / Double(n) }
        // Bin k's frequency only grows with k, so each edge's test switches once: the first bin that passes it is
        // found by bisection with the same comparison (not a test of every bin for every band: channel blocks make
        // this once per block and band).
        func firstBin(from lower: Int, _ passes: (Double) -> Bool) -> Int {
            var (lo, hi) = (lower, lastBin + 1)
            while lo < hi {
                let mid = (lo + hi) / 2
                if passes(frequency(mid)) { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        let first = firstBin(from: 0) { $0 >= lowHz - 1e-9 * rate }
        var kept = first..<(lastBin + 1)
        var nyquist = false
        if let high = highHz {
            kept = first..<firstBin(from: first) { $0 >= high - 1e-9 * rate }
            // A band that reaches Nyquist keeps the last bin, whatever its edge's rounding.
            nyquist = high >= rate / 2 && lastBin >= first && !kept.contains(lastBin)
        }
        // Built with the result's labels: an unlabelled array would be converted element by element at the return
        // (a runtime cast per bin).
        var out: [(bin: Int, weight: Double)] = []
        out.reserveCapacity(kept.count + 1)
        func weight(_ k: Int) -> Double { (k == 0 || (n % 2 == 0 && k == lastBin)) ? 1.0 : 2.0 }
        for k in kept where k <= lastBin { out.append((k, weight(k))) }
        if nyquist { out.append((lastBin, weight(lastBin))) }
        return out
    }

    /// The contiguous bin range of the band in a spectrum of `n` samples at `rate` (same rule as `bins`).
    func binRange(samples n: Int, rate: Double) -> Range<Int> {
        let covered = bins(samples: n, rate: rate).map(\.bin)
        guard let first = covered.first, let last = covered.last else { return 0..<0 }
        return first..<(last + 1)
    }

    /// Band energy per row: (1/n) Σ w_k |X_k|² over the band, in double precision whatever the spectrum's
    /// precision (single-precision bins are summed in double, so long bands lose nothing to the sum).
    static func energy(_ spectrum: Signal, bands: [FrequencyBand], rate: Double, command: String) throws
        -> Array2D<Double>
    {
        switch spectrum {
        case .halfSpectrum(let c, let length): return energy(c, length: length, bands: bands, rate: rate)
        case .complex(let c): return energy(c, length: c.columns, bands: bands, rate: rate)
        case .singleComplex(let c): return energy(c.split(), length: c.columns, bands: bands, rate: rate)
        case .interleavedHalfSpectrum(let c, let length): return energy(c, length: length, bands: bands, rate: rate)
        case .singleHalfSpectrum(let c, let length): return energy(c, length: length, bands: bands, rate: rate)
        case .real, .singleReal:
            throw CommandError(command, "needs a spectrum (the output of fft), got real values")
        }
    }

    /// Per row, the weighted power is summed once between consecutive band edges (every bin counted twice, then DC
    /// and Nyquist corrected to once; `BandSegments`), so overlapping bands and many bands cost no more than one
    /// pass over the bins they cover, and bins outside every band are not read.
    private static func energy<S: BinPowers>(_ half: S, length n: Int, bands: [FrequencyBand], rate: Double)
        -> Array2D<Double>
    {
        let rows = half.rows
        let segments = BandSegments([bands], samples: n, rate: rate, bins: half.columns)
        let edges = segments.edges
        let nyquistBin = n % 2 == 0 ? n / 2 : -1
        var powers = [Double](repeating: 0, count: rows * segments.segmentCount)
        for r in 0..<rows {
            for i in edges.indices.dropFirst() {
                let segment = edges[i - 1]..<edges[i]
                var sum = 2 * half.powerSum(row: r, bins: segment)
                for single in [0, nyquistBin] where segment.contains(single) { sum -= half.powerSum(row: r, bins: single..<(single + 1)) }
                powers[r * segments.segmentCount + i - 1] = sum
            }
        }
        return segments.energies(powers, rows: rows, samples: n)[0]
    }
}

/// Σ |X_k|² over bins of one row, in double precision, from either spectrum layout.
private protocol BinPowers {
    var rows: Int { get }
    var columns: Int { get }
    func powerSum(row: Int, bins: Range<Int>) -> Double
}

extension ComplexArray2D: BinPowers {
    func powerSum(row: Int, bins: Range<Int>) -> Double {
        var sum = 0.0
        for k in bins {
            let re = real[row * columns + k], im = imaginary[row * columns + k]
            sum += re * re + im * im
        }
        return sum
    }
}

/// The bins' (re, im) pairs are contiguous, so their powers sum to the sum of squares of one slice (BLAS, SIMD).
extension InterleavedComplexArray2D: BinPowers where Element: SquareSummable {
    func powerSum(row: Int, bins: Range<Int>) -> Double {
        let base = 2 * row * columns
        return Element.sumOfSquares(pairs, (base + 2 * bins.lowerBound)..<(base + 2 * bins.upperBound))
    }
}

/// The element types BLAS sums squares of (in a float64 accumulator for both).
private protocol SquareSummable: BinaryFloatingPoint & Sendable {
    static func sumOfSquares(_ values: [Self], _ range: Range<Int>) -> Double
}

extension Float: SquareSummable {
    static func sumOfSquares(_ values: [Float], _ range: Range<Int>) -> Double { BLAS.sumOfSquares(values, range) }
}

extension Double: SquareSummable {
    static func sumOfSquares(_ values: [Double], _ range: Range<Int>) -> Double { BLAS.sumOfSquares(values, range) }
}
