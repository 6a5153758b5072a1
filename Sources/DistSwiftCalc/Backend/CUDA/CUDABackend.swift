import DistSwiftIO
import DistSwiftNative
import Synchronization

/// The CUDA backend: cuFFT for the transforms, NVRTC-compiled kernels (`CUDAKernelSource`) for the rest, on one GPU's
/// primary context. One per worker process (made by `BackendChoice.make`), owning its libraries, context, kernels,
/// cuFFT plans and a memory budget; the host calls (transforms of commands without a device kernel) run on the CPU.
public final class CUDABackend: ComputeBackend, DeviceBackend, Sendable {
    public let context: CUDAContext
    private let module: CUDAModule
    private let fft: CUFFT
    private let cpu: CPUBackend
    private let plans = Mutex<[PlanKey: CUFFT.Plan]>([:])
    /// "NVRTC 13.0", for the run's log.
    public let compilerDescription: String

    private struct PlanKey: Hashable {
        let kind: Int32
        let rows: Int
        let length: Int
    }

    /// Loads the libraries, takes GPU `ordinal`'s context with `budgetBytes` of its memory (nil: 90 % of what is
    /// free) and compiles the kernels. Throws `CUDAUnavailable` naming what was looked for when CUDA is missing.
    public init(ordinal: Int, budgetBytes: Int?, environment: [String: String], cpu: CPUBackend = CPUBackend()) throws {
        let search = CUDALibrarySearch(environment: environment)
        let driver = try CUDADriver(search: search)
        let count = try driver.deviceCount()
        guard count > 0 else { throw CUDAUnavailable("the NVIDIA driver loaded but sees no GPU") }
        fft = try CUFFT(search: search)
        let nvrtc = try NVRTC(search: search)
        context = try CUDAContext(driver: driver, ordinal: ordinal, budgetBytes: budgetBytes)
        let (major, minor) = context.computeCapability
        let image = try nvrtc.compileCUBIN(CUDAKernelSource.source, name: "distswift_kernels.cu", major: major,
                                           minor: minor)
        module = try CUDAModule(context: context, image: image, names: CUDAKernelSource.kernelNames)
        compilerDescription = "NVRTC \(nvrtc.versionString)"
        self.cpu = cpu
    }

    /// The kernels compiled by NVRTC alone (no GPU needed) for compute capability `major.minor`: the cubin's size.
    /// Lets machines with libnvrtc but no GPU (CI with the pip package) check the kernel source.
    public static func compileKernels(environment: [String: String], major: Int = 9, minor: Int = 0) throws -> Int {
        let nvrtc = try NVRTC(search: CUDALibrarySearch(environment: environment))
        return try nvrtc.compileCUBIN(CUDAKernelSource.source, name: "distswift_kernels.cu", major: major,
                                      minor: minor).count
    }

    /// Whether CUDA is usable here without taking a GPU: the three libraries load and the driver sees a GPU.
    /// Returns the GPUs' names; throws `CUDAUnavailable` saying what was looked for.
    public static func probe(environment: [String: String]) throws -> [String] {
        let search = CUDALibrarySearch(environment: environment)
        let driver = try CUDADriver(search: search)
        let count = try driver.deviceCount()
        guard count > 0 else { throw CUDAUnavailable("the NVIDIA driver loaded but sees no GPU") }
        _ = try CUFFT(search: search)
        _ = try NVRTC(search: search)
        return try (0..<count).map { try driver.deviceName($0) }
    }

    public var name: String { "cuda" }
    public var device: (any DeviceBackend)? { self }
    public var deviceDescription: String {
        "\(context.name) (GPU \(context.ordinal)), sm_\(context.computeCapability.major)\(context.computeCapability.minor)"
    }

    final class Storage: DeviceStorage {
        let buffer: CUDABuffer
        init(_ buffer: CUDABuffer) { self.buffer = buffer }
    }

    private func buffer(_ array: DeviceArray) -> CUDABuffer { (array.storage as! Storage).buffer }

    private func make(rows: Int, layout: DeviceArray.Layout, precision: DeviceArray.Precision) throws -> DeviceArray {
        let shape = DeviceArray(rows: rows, layout: layout, precision: precision, storage: Placeholder.shared)
        let buffer = try context.allocate(bytes: shape.byteCount)
        return DeviceArray(rows: rows, layout: layout, precision: precision, storage: Storage(buffer))
    }

    private final class Placeholder: DeviceStorage {
        static let shared = Placeholder()
    }

    private func suffix(_ precision: DeviceArray.Precision) -> String { precision == .single ? "f32" : "f64" }

    private func launchShape(_ count: Int, block: Int = 256) -> (grid: (x: Int, y: Int), block: Int) {
        ((x: max(1, min((count + block - 1) / block, 65_535)), y: 1), block)
    }

    // MARK: transfers

    public func upload(_ signal: Signal) throws -> DeviceArray {
        switch signal {
        case .singleReal(let a):
            let out = try make(rows: a.rows, layout: .real(columns: a.columns), precision: .single)
            try context.upload(a.values, to: buffer(out))
            return out
        case .real(let a):
            let out = try make(rows: a.rows, layout: .real(columns: a.columns), precision: .double)
            try context.upload(a.values, to: buffer(out))
            return out
        case .singleHalfSpectrum(let c, let n):
            let out = try make(rows: c.rows, layout: .halfSpectrum(length: n), precision: .single)
            try context.upload(c.pairs, to: buffer(out))
            return out
        case .interleavedHalfSpectrum(let c, let n):
            let out = try make(rows: c.rows, layout: .halfSpectrum(length: n), precision: .double)
            try context.upload(c.pairs, to: buffer(out))
            return out
        case .halfSpectrum(let c, let n):
            var pairs = [Double](repeating: 0, count: 2 * c.real.count)
            for i in c.real.indices { pairs[2 * i] = c.real[i]; pairs[2 * i + 1] = c.imaginary[i] }
            return try upload(.interleavedHalfSpectrum(InterleavedComplexArray2D(rows: c.rows, columns: c.columns,
                                                                                pairs: pairs), length: n))
        case .complex, .singleComplex:
            throw DeviceKernelUnavailable("upload", "two-sided complex arrays (only real rows and half spectra)")
        }
    }

    public func download(_ array: DeviceArray) throws -> Signal {
        let b = buffer(array)
        switch (array.layout, array.precision) {
        case (.real(let columns), .single):
            let values = try context.download(b, count: array.count, as: Float.self)
            return .singleReal(Array2D(rows: array.rows, columns: columns, values: values))
        case (.real(let columns), .double):
            let values = try context.download(b, count: array.count, as: Double.self)
            return .real(Array2D(rows: array.rows, columns: columns, values: values))
        case (.halfSpectrum(let n), .single):
            let pairs = try context.download(b, count: array.count, as: Float.self)
            return .singleHalfSpectrum(InterleavedComplexArray2D(rows: array.rows, columns: n / 2 + 1, pairs: pairs),
                                       length: n)
        case (.halfSpectrum(let n), .double):
            let pairs = try context.download(b, count: array.count, as: Double.self)
            return .interleavedHalfSpectrum(InterleavedComplexArray2D(rows: array.rows, columns: n / 2 + 1,
                                                                      pairs: pairs), length: n)
        }
    }

    // MARK: kernels

    private func plan(_ kind: CUFFT.Kind, rows: Int, length: Int) throws -> CUFFT.Plan {
        try plans.withLock { plans in
            let key = PlanKey(kind: kind.rawValue, rows: rows, length: length)
            if let plan = plans[key] { return plan }
            let plan = try fft.plan(kind, rows: rows, length: length, context: context)
            plans[key] = plan
            return plan
        }
    }

    public func realForwardFFT(_ rows: DeviceArray) throws -> DeviceArray {
        guard case .real(let n) = rows.layout else { throw DeviceKernelUnavailable("rfft", "a spectrum") }
        let out = try make(rows: rows.rows, layout: .halfSpectrum(length: n), precision: rows.precision)
        try plan(rows.precision == .single ? .r2c : .d2z, rows: rows.rows, length: n).execute(buffer(rows), buffer(out))
        return out
    }

    public func realInverseFFT(_ half: DeviceArray) throws -> DeviceArray {
        guard case .halfSpectrum(let n) = half.layout else { throw DeviceKernelUnavailable("irfft", "real rows") }
        // cuFFT's complex-to-real transform overwrites its input, which other readers may still hold: copy first.
        let input = try make(rows: half.rows, layout: half.layout, precision: half.precision)
        try context.copy(from: buffer(half), to: buffer(input), bytes: half.byteCount)
        let out = try make(rows: half.rows, layout: .real(columns: n), precision: half.precision)
        try plan(half.precision == .single ? .c2r : .z2d, rows: half.rows, length: n).execute(buffer(input), buffer(out))
        let shape = launchShape(out.count)
        try module.launch("scale_\(suffix(out.precision))", grid: shape.grid, block: shape.block,
                          [.buffer(buffer(out)), .int64(Int64(out.count)), .double(1 / Double(n))])
        return out
    }

    public func bandEnergies(_ half: DeviceArray, bands: [FrequencyBand], rate: Double, rms: Bool) throws -> DeviceArray {
        guard case .halfSpectrum(let n) = half.layout else {
            throw DeviceKernelUnavailable("band energies", "real values (needs a spectrum)")
        }
        let bins = n / 2 + 1
        let ranges = bands.flatMap { band -> [Int32] in
            let range = band.binRange(samples: n, rate: rate).clamped(to: 0..<bins)
            return [Int32(range.lowerBound), Int32(range.upperBound)]
        }
        let rangeBuffer = try context.allocate(bytes: 4 * ranges.count)
        try context.upload(ranges, to: rangeBuffer)
        let out = try make(rows: half.rows, layout: .real(columns: bands.count), precision: .double)
        try module.launch("band_energy_\(suffix(half.precision))", grid: (x: half.rows, y: bands.count), block: 256,
                          [.buffer(buffer(half)), .buffer(buffer(out)), .int32(Int32(bins)), .int32(Int32(n)),
                           .int32(Int32(bands.count)), .buffer(rangeBuffer), .int32(rms ? 1 : 0)])
        try context.synchronize()  // the ranges' buffer is freed on return
        return out
    }

    public func zeroPhaseFilter(_ rows: DeviceArray, sections: SecondOrderSections, padType: PadType) throws
        -> DeviceArray
    {
        guard case .real(let n) = rows.layout else { throw DeviceKernelUnavailable("sosfiltfilt", "a spectrum") }
        guard sections.sections.count <= CUDAKernelSource.maximumSections else {
            throw DeviceKernelUnavailable("sosfiltfilt", "\(sections.sections.count) sections (at most "
                                          + "\(CUDAKernelSource.maximumSections) on the device)")
        }
        let pad = sections.defaultPadLength
        guard n > pad else { throw ZeroPhaseLengthError(length: n, padLength: pad) }
        let coefficients = sections.sections.flatMap { [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2] }
        let zi = sections.stepInitialConditions.flatMap { [$0.0, $0.1] }
        let coefficientBuffer = try context.allocate(bytes: 8 * coefficients.count)
        let ziBuffer = try context.allocate(bytes: 8 * zi.count)
        try context.upload(coefficients, to: coefficientBuffer)
        try context.upload(zi, to: ziBuffer)
        let scratch = try context.allocate(bytes: 8 * rows.rows * (n + 2 * pad))
        let out = try make(rows: rows.rows, layout: rows.layout, precision: rows.precision)
        let padCode: Int32 = padType == .even ? 0 : (padType == .odd ? 1 : 2)
        let block = 32
        try module.launch("sosfiltfilt_\(suffix(rows.precision))", grid: (x: (rows.rows + block - 1) / block, y: 1),
                          block: block,
                          [.buffer(buffer(rows)), .buffer(buffer(out)), .buffer(scratch), .int32(Int32(rows.rows)),
                           .int32(Int32(n)), .int32(Int32(pad)), .int32(padCode),
                           .int32(Int32(sections.sections.count)), .buffer(coefficientBuffer), .buffer(ziBuffer)])
        try context.synchronize()  // scratch and coefficients are freed on return
        return out
    }

    public func elementwise(_ array: DeviceArray, _ operation: ElementwiseOperation) throws -> DeviceArray {
        switch array.layout {
        case .real:
            if operation == .real { return array }
            let out = try make(rows: array.rows, layout: array.layout, precision: array.precision)
            let shape = launchShape(array.count)
            try module.launch("abs_real_\(suffix(array.precision))", grid: shape.grid, block: shape.block,
                              [.buffer(buffer(array)), .buffer(buffer(out)), .int64(Int64(array.count))])
            return out
        case .halfSpectrum(let n):
            let out = try make(rows: array.rows, layout: .real(columns: n), precision: array.precision)
            let shape = launchShape(out.count)
            try module.launch("spectrum_to_real_\(suffix(array.precision))", grid: shape.grid, block: shape.block,
                              [.buffer(buffer(array)), .buffer(buffer(out)), .int32(Int32(array.rows)),
                               .int32(Int32(n / 2 + 1)), .int32(Int32(n)), .int32(operation == .abs ? 0 : 1)])
            return out
        }
    }

    public func reduceRows(_ array: DeviceArray, _ statistic: RowStatistic) throws -> DeviceArray {
        guard case .real(let columns) = array.layout else { throw DeviceKernelUnavailable("reduce", "a spectrum") }
        let out = try make(rows: array.rows, layout: .real(columns: 1), precision: .double)
        let code: Int32 = statistic == .sum ? 0 : (statistic == .mean ? 1 : 2)
        try module.launch("row_statistic_\(suffix(array.precision))", grid: (x: array.rows, y: 1), block: 256,
                          [.buffer(buffer(array)), .buffer(buffer(out)), .int32(Int32(columns)), .int32(code)])
        return out
    }

    public func columns(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray {
        guard case .real(let columns) = array.layout else { throw DeviceKernelUnavailable("trim", "a spectrum") }
        if range == 0..<columns { return array }
        let out = try make(rows: array.rows, layout: .real(columns: range.count), precision: array.precision)
        let shape = launchShape(out.count)
        try module.launch("copy_columns_\(suffix(array.precision))", grid: shape.grid, block: shape.block,
                          [.buffer(buffer(array)), .buffer(buffer(out)), .int32(Int32(array.rows)),
                           .int32(Int32(columns)), .int32(Int32(range.lowerBound)), .int32(Int32(range.count))])
        return out
    }

    public func rows(_ array: DeviceArray, _ range: Range<Int>) throws -> DeviceArray {
        if range == 0..<array.rows { return array }
        let out = try make(rows: range.count, layout: array.layout, precision: array.precision)
        let rowBytes = array.byteCount / max(1, array.rows)
        try context.copy(from: buffer(array), sourceOffset: range.lowerBound * rowBytes, to: buffer(out),
                         bytes: range.count * rowBytes)
        return out
    }

    public func synchronize() throws { try context.synchronize() }

    // MARK: host calls (commands without a device kernel)

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
