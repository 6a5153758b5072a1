import DistSwiftIO
import DistSwiftNative

/// The device kernels run in host memory with the CPU's code: the reference the CUDA backend is tested against,
/// and a stand-in device on machines without a GPU, so the engine's device path (residency, transfers, `to_gpu` and
/// `from_gpu`) is tested everywhere. Its arrays hold host `Signal`s in their packed forms.
public struct HostDevice: DeviceBackend, ComputeBackend {
    private let cpu: CPUBackend

    public init(cpu: CPUBackend = CPUBackend()) {
        self.cpu = cpu
    }

    public var name: String { "host-device" }
    public var device: (any DeviceBackend)? { self }
    public var deviceDescription: String { "host memory (the CPU kernels behind the device protocol)" }

    final class Values: DeviceStorage {
        let signal: Signal
        init(_ signal: Signal) { self.signal = signal }
    }

    private func wrap(_ signal: Signal) throws -> DeviceArray {
        switch signal {
        case .singleReal(let a):
            return DeviceArray(rows: a.rows, layout: .real(columns: a.columns), precision: .single, storage: Values(signal))
        case .real(let a):
            return DeviceArray(rows: a.rows, layout: .real(columns: a.columns), precision: .double, storage: Values(signal))
        case .singleHalfSpectrum(let c, let n):
            return DeviceArray(rows: c.rows, layout: .halfSpectrum(length: n), precision: .single, storage: Values(signal))
        case .interleavedHalfSpectrum(let c, let n):
            return DeviceArray(rows: c.rows, layout: .halfSpectrum(length: n), precision: .double, storage: Values(signal))
        case .complex, .halfSpectrum, .singleComplex:
            throw DeviceKernelUnavailable("upload", "two-sided complex arrays (only real rows and half spectra)")
        }
    }

    private func signal(_ array: DeviceArray) -> Signal { (array.storage as! Values).signal }

    public func upload(_ signal: Signal) throws -> DeviceArray {
        if case .halfSpectrum(let c, let n) = signal {
            var pairs = [Double](repeating: 0, count: 2 * c.real.count)
            for i in c.real.indices { pairs[2 * i] = c.real[i]; pairs[2 * i + 1] = c.imaginary[i] }
            return try wrap(.interleavedHalfSpectrum(InterleavedComplexArray2D(rows: c.rows, columns: c.columns,
                                                                              pairs: pairs), length: n))
        }
        return try wrap(signal)
    }

    public func download(_ array: DeviceArray) throws -> Signal { signal(array) }

    public func realForwardFFT(_ rows: DeviceArray) throws -> DeviceArray {
        switch signal(rows) {
        case .singleReal(let a): return try wrap(.singleHalfSpectrum(cpu.realForwardFFT(a), length: a.columns))
        case .real(let a): return try wrap(.interleavedHalfSpectrum(cpu.realForwardFFT(a), length: a.columns))
        default: throw DeviceKernelUnavailable("rfft", "a spectrum")
        }
    }

    public func realInverseFFT(_ half: DeviceArray) throws -> DeviceArray {
        switch signal(half) {
        case .singleHalfSpectrum(let c, let n):
            let out = cpu.realInverseFFT(c.split(), length: n)
            return try wrap(.singleReal(Array2D(rows: out.rows, columns: out.columns, values: out.values.map { Float($0) })))
        case .interleavedHalfSpectrum(let c, let n):
            return try wrap(.real(cpu.realInverseFFT(c.split(), length: n)))
        default: throw DeviceKernelUnavailable("irfft", "real rows")
        }
    }

    public func bandEnergies(_ half: DeviceArray, bands: [FrequencyBand], rate: Double, rms: Bool) throws -> DeviceArray {
        var energy = try FrequencyBand.energy(signal(half), bands: bands, rate: rate, command: "band energies")
        if rms {
            let n = Double(half.columns)
            energy.values = energy.values.map { ($0 / n).squareRoot() }
        }
        return try wrap(.real(energy))
    }

    public func zeroPhaseFilter(_ rows: DeviceArray, sections: SecondOrderSections, padType: PadType) throws
        -> DeviceArray
    {
        let input = signal(rows)
        // float32 rows go into the lanes as they are (the result is the float64 path's rounded to float32).
        if case .singleReal(let data) = input {
            return try wrap(.singleReal(Array2D(rows: data.rows, columns: data.columns,
                                                values: try sections.zeroPhaseRows(data, padType: padType))))
        }
        guard case .real(let data) = input.canonical(), !rows.isSpectrum else {
            throw DeviceKernelUnavailable("sosfiltfilt", "a spectrum")
        }
        let out = try sections.zeroPhaseRows(data, padType: padType)
        if rows.precision == .single {
            return try wrap(.singleReal(Array2D(rows: data.rows, columns: data.columns, values: out.map { Float($0) })))
        }
        return try wrap(.real(Array2D(rows: data.rows, columns: data.columns, values: out)))
    }

    public func elementwise(_ array: DeviceArray, _ operation: ElementwiseOperation) throws -> DeviceArray {
        let input = signal(array)
        let values: [Double]
        let columns: Int
        switch (input.canonical(), operation) {
        case (.real(let a), .abs): (values, columns) = (a.values.map { Swift.abs($0) }, a.columns)
        case (.real(let a), .real): (values, columns) = (a.values, a.columns)
        case (let other, .abs): let c = other.fullComplex(); (values, columns) = (c.magnitude.values, c.columns)
        case (let other, .real): let c = other.fullComplex(); (values, columns) = (c.real, c.columns)
        }
        if array.precision == .single {
            return try wrap(.singleReal(Array2D(rows: array.rows, columns: columns, values: values.map { Float($0) })))
        }
        return try wrap(.real(Array2D(rows: array.rows, columns: columns, values: values)))
    }

    public func reduceRows(_ array: DeviceArray, _ statistic: RowStatistic) throws -> DeviceArray {
        guard case .real(let a) = signal(array).canonical(), !array.isSpectrum else {
            throw DeviceKernelUnavailable("reduce", "a spectrum")
        }
        let values = (0..<a.rows).map { RowStatistic.apply(statistic, Array(a.row($0))) }
        return try wrap(.real(Array2D(rows: a.rows, columns: 1, values: values)))
    }

    public func columns(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray {
        try wrap(signal(array).columns(range))
    }

    public func rows(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray {
        try wrap(signal(array).rows(range))
    }

    public func synchronize() throws {}

    // The host calls: the CPU's.
    public func realForwardFFT(_ rows: Array2D<Double>) -> InterleavedComplexArray2D<Double> { cpu.realForwardFFT(rows) }
    public func realForwardFFT(_ rows: Array2D<Float>) -> InterleavedComplexArray2D<Float> { cpu.realForwardFFT(rows) }
    public var rowPlans: FFTWRowPlans { cpu.rowPlans }
    public func spectrumSegmentPowers(_ rows: Array2D<Float>, edges: [Int]) -> Array2D<Double> {
        cpu.spectrumSegmentPowers(rows, edges: edges)
    }
    public func spectrumSegmentPowers(_ rows: Array2D<Double>, edges: [Int]) -> Array2D<Double> {
        cpu.spectrumSegmentPowers(rows, edges: edges)
    }
    public func realInverseFFT(_ half: ComplexArray2D, length: Int) -> Array2D<Double> {
        cpu.realInverseFFT(half, length: length)
    }
    public func complexFFT(_ rows: ComplexArray2D, inverse: Bool) -> ComplexArray2D { cpu.complexFFT(rows, inverse: inverse) }
    public func realInverseFFT<S: FFTWScalar>(pairs half: consuming InterleavedComplexArray2D<S>,
                                              length: Int) -> Array2D<S> {
        cpu.realInverseFFT(pairs: half, length: length)
    }
    public func complexFFT<S: FFTWScalar>(pairs: InterleavedComplexArray2D<S>,
                                          inverse: Bool) -> InterleavedComplexArray2D<S> {
        cpu.complexFFT(pairs: pairs, inverse: inverse)
    }
}

extension RowStatistic {
    /// The statistic of one row, as the CPU commands compute it (`mean`, `sum`, `std_dev`).
    static func apply(_ statistic: RowStatistic, _ row: [Double]) -> Double {
        let sum = row.reduce(0, +)
        switch statistic {
        case .sum: return sum
        case .mean: return sum / Double(max(1, row.count))
        case .standardDeviation:
            let mean = sum / Double(max(1, row.count))
            return (row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, row.count))).squareRoot()
        }
    }
}
