import DistSwiftIO

/// Every device kernel run on two backends with the same random inputs, and how far their results lie apart:
/// ‖a − b‖∞ / ‖b‖∞ per kernel and precision, `reference` being b. The CUDA backend is checked against
/// `HostDevice` (the CPU's code) this way, by the tests wherever a GPU is present and by `distswift backends
/// --check` on a GPU machine.
public struct BackendComparison: Sendable {
    public struct Result: Sendable {
        public let kernel: String
        public let precision: DeviceArray.Precision
        public let relativeError: Double
        /// 1e-5 for float32 values, 1e-12 for float64.
        public var tolerance: Double { precision == .single ? 1e-5 : 1e-12 }
        public var passed: Bool { relativeError <= tolerance && relativeError.isFinite }
    }

    public let rows: Int
    public let samples: Int
    public let rate: Double

    public init(rows: Int = 37, samples: Int = 2_000, rate: Double = 1_000) {
        self.rows = rows
        self.samples = samples
        self.rate = rate
    }

    /// Random rows (a fixed seed per call's `seed`), with an offset and a slow trend so filters' edges matter.
    public func input(seed: UInt64, precision: DeviceArray.Precision) -> Signal {
        var generator = SplitMix64(seed: seed)
        var values = [Double](repeating: 0, count: rows * samples)
        for r in 0..<rows {
            for t in 0..<samples {
                values[r * samples + t] = Double.random(in: -1...1, using: &generator) + 0.3 + 1e-3 * Double(t % 97) * Double(r % 5)
            }
        }
        if precision == .single {
            return .singleReal(Array2D(rows: rows, columns: samples, values: values.map { Float($0) }))
        }
        return .real(Array2D(rows: rows, columns: samples, values: values))
    }

    /// Each kernel in both precisions on `candidate` and on `reference`.
    public func run(_ candidate: any DeviceBackend, against reference: any DeviceBackend) throws -> [Result] {
        let bands = [FrequencyBand(lowHz: 0, highHz: nil), FrequencyBand(lowHz: 10, highHz: 120),
                     FrequencyBand(lowHz: 100, highHz: nil)]
        let lowpass = Butterworth.sections(order: 5, cutoffs: [100 / (rate / 2)], band: .lowpass)
        let bandpass = Butterworth.sections(order: 4, cutoffs: [5 / (rate / 2), 200 / (rate / 2)], band: .bandpass)
        typealias Kernel = (any DeviceBackend, DeviceArray) throws -> DeviceArray
        let kernels: [(String, Kernel)] = [
            ("rfft", { try $0.realForwardFFT($1) }),
            ("irfft(rfft)", { try $0.realInverseFFT(try $0.realForwardFFT($1)) }),
            ("band energies", { try $0.bandEnergies(try $0.realForwardFFT($1), bands: bands, rate: rate, rms: false) }),
            ("band rms", { try $0.bandEnergies(try $0.realForwardFFT($1), bands: bands, rate: rate, rms: true) }),
            ("sosfiltfilt lowpass even", { try $0.zeroPhaseFilter($1, sections: lowpass, padType: .even) }),
            ("sosfiltfilt bandpass odd", { try $0.zeroPhaseFilter($1, sections: bandpass, padType: .odd) }),
            ("sosfiltfilt lowpass constant", { try $0.zeroPhaseFilter($1, sections: lowpass, padType: .constant) }),
            ("abs", { try $0.elementwise($1, .abs) }),
            ("abs(rfft)", { try $0.elementwise(try $0.realForwardFFT($1), .abs) }),
            ("real(rfft)", { try $0.elementwise(try $0.realForwardFFT($1), .real) }),
            ("sum", { try $0.reduceRows($1, .sum) }),
            ("mean", { try $0.reduceRows($1, .mean) }),
            ("std", { try $0.reduceRows($1, .standardDeviation) }),
            ("trim columns", { try $0.columns($1, 17..<(samples - 23)) }),
            ("trim rows", { try $0.rows($1, 3..<(rows - 2)) }),
        ]
        var results: [Result] = []
        for precision in [DeviceArray.Precision.single, .double] {
            for (index, (name, kernel)) in kernels.enumerated() {
                let x = input(seed: UInt64(index + 1), precision: precision)
                let a = try candidate.download(try kernel(candidate, try candidate.upload(x)))
                let b = try reference.download(try kernel(reference, try reference.upload(x)))
                results.append(Result(kernel: name, precision: precision, relativeError: Self.relativeError(a, b)))
            }
        }
        return results
    }

    /// ‖a − b‖∞ / ‖b‖∞ over the values in double (infinity when the shapes differ).
    public static func relativeError(_ a: Signal, _ b: Signal) -> Double {
        let x = flat(a), y = flat(b)
        guard x.count == y.count, a.rows == b.rows else { return .infinity }
        var difference = 0.0, scale = 0.0
        for i in x.indices {
            difference = max(difference, abs(x[i] - y[i]))
            scale = max(scale, abs(y[i]))
        }
        return scale > 0 ? difference / scale : difference
    }

    static func flat(_ signal: Signal) -> [Double] {
        switch signal {
        case .real(let a): return a.values
        case .singleReal(let a): return a.values.map { Double($0) }
        case .interleavedHalfSpectrum(let c, _): return c.pairs
        case .singleHalfSpectrum(let c, _), .singleComplex(let c): return c.pairs.map { Double($0) }
        case .complex(let c), .halfSpectrum(let c, _): return c.real + c.imaginary
        }
    }
}

