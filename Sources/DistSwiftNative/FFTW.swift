import CFFTW3
import Synchronization
import Glibc

/// FFTW's planner is not thread-safe (planning from two threads crashed in 3 of 3 runs here), across the double
/// and the float library alike. Every planner call in distswift goes through this one lock; executing a plan is
/// thread-safe and needs no lock.
enum FFTWPlanner {
    static let lock = Mutex(())

    static func withLock<R>(_ body: () throws -> R) rethrows -> R {
        try lock.withLock { _ in try body() }
    }
}

/// How hard FFTW's planner works: `estimate` picks a plan by heuristics in microseconds; `measure` times candidate
/// algorithms (seconds for a large batch, once per shape; saved wisdom makes it free in later processes) and gives a
/// faster transform.
public enum FFTWPlanningRigor: String, Sendable {
    case estimate, measure

    var flag: UInt32 { UInt32(self == .measure ? FFTW_MEASURE : FFTW_ESTIMATE) }
}

/// Settings shared by all FFTW plans of a process.
public enum FFTWSettings {
    /// Threads FFTW uses per transform. Pool workers use 1: parallelism comes from the processes.
    public static func setThreadCount(_ count: Int) {
        FFTWPlanner.withLock {
            fftw_init_threads()
            fftwf_init_threads()
            fftw_plan_with_nthreads(Int32(count))
            fftwf_plan_with_nthreads(Int32(count))
        }
    }

    /// Loads planner wisdom saved by an earlier process; returns false when the file is missing or unusable.
    @discardableResult
    public static func importWisdom(double doublePath: String, float floatPath: String) -> Bool {
        FFTWPlanner.withLock {
            let a = fftw_import_wisdom_from_filename(doublePath) != 0
            let b = fftwf_import_wisdom_from_filename(floatPath) != 0
            return a && b
        }
    }

    /// Saves the planner's wisdom where it differs from what the file holds; each file is written under a
    /// temporary name and renamed, so a concurrent process never imports a half-written file. A worker that planned
    /// nothing new (every run after the first on a machine) exports the wisdom it imported and writes nothing: the
    /// two files' writes and renames were ~5–10 ms of every worker's exit, which a run waits for.
    public static func exportWisdom(double doublePath: String, float floatPath: String) {
        FFTWPlanner.withLock {
            if let wisdom = fftw_export_wisdom_to_string() {
                saveIfChanged(wisdom, to: doublePath)
                fftw_free(wisdom)
            }
            if let wisdom = fftwf_export_wisdom_to_string() {
                saveIfChanged(wisdom, to: floatPath)
                fftwf_free(wisdom)
            }
        }
    }

    /// FFTW lists its wisdom in hash-table order, which differs between a process that imported the file and the
    /// one that wrote it, so the two are compared as sets of lines (one line per solved problem): the file is
    /// rewritten only when this process knows a line it lacks (also when another worker saved more meanwhile).
    private static func saveIfChanged(_ wisdom: UnsafeMutablePointer<CChar>, to path: String) {
        let bytes = Array(UnsafeRawBufferPointer(start: wisdom, count: strlen(wisdom)))
        if let file = try? NativeFile.openForReading(path) {
            let saved = (try? file.size()).flatMap { try? file.readBytes(at: 0, count: $0) }
            try? file.close()
            if let saved, lines(bytes).isSubset(of: lines(saved)) { return }
        }
        let temporary = path + ".partial-\(getpid())"
        guard let file = try? NativeFile.create(temporary) else { return }
        let written = (try? file.write(bytes)) != nil
        let closed = (try? file.close()) != nil
        if written && closed { rename(temporary, path) } else { unlink(temporary) }
    }

    private static func lines(_ text: [UInt8]) -> Set<ArraySlice<UInt8>> {
        Set(text.split(separator: UInt8(ascii: "\n")))
    }
}

/// The element types FFTW has a library for: `Double` (libfftw3) and `Float` (libfftw3f, about twice the
/// transforms per second because twice the values fit a SIMD register and half the bytes cross memory).
public protocol FFTWScalar: NativeScalar, BinaryFloatingPoint {
    static func fftwAllocate(_ count: Int) -> UnsafeMutablePointer<Self>
    static func fftwFree(_ pointer: UnsafeMutablePointer<Self>)
    /// A real-to-complex plan of `rows` rows of `length` samples (rows `length` apart), (re, im) pairs out, `bins`
    /// pairs per row.
    static func fftwPlanInterleavedR2C(rows: Int, length: Int, input: UnsafeMutablePointer<Self>,
                                       pairs: UnsafeMutablePointer<Self>, flags: UInt32) -> OpaquePointer
    /// Runs an interleaved r2c plan on other arrays of the same alignment (FFTW's new-array execute).
    static func fftwExecuteInterleavedR2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Self>,
                                          pairs: UnsafeMutablePointer<Self>)
    /// The pointer's offset from FFTW's SIMD alignment; plans run only on arrays with the offset they were made for.
    static func fftwAlignment(of pointer: UnsafeMutablePointer<Self>) -> Int32
    static func fftwDestroy(_ plan: OpaquePointer)
    /// A complex-to-real plan of `rows` Hermitian half-spectra of `length / 2 + 1` (re, im) pairs to rows of
    /// `length` samples (FFTW's c2r overwrites its input).
    static func fftwPlanInterleavedC2R(rows: Int, length: Int, pairs: UnsafeMutablePointer<Self>,
                                       output: UnsafeMutablePointer<Self>, flags: UInt32) -> OpaquePointer
    static func fftwExecuteInterleavedC2R(_ plan: OpaquePointer, pairs: UnsafeMutablePointer<Self>,
                                          output: UnsafeMutablePointer<Self>)
    /// A complex-to-complex plan of `rows` contiguous rows of `length` (re, im) pairs, forward (e^-i) or backward.
    static func fftwPlanInterleavedC2C(rows: Int, length: Int, input: UnsafeMutablePointer<Self>,
                                       output: UnsafeMutablePointer<Self>, forward: Bool, flags: UInt32) -> OpaquePointer
    static func fftwExecuteInterleavedC2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Self>,
                                          output: UnsafeMutablePointer<Self>)
    /// An in-place complex plan of every column of a rows × columns array of (re, im) pairs (length `rows`, element
    /// stride `columns`, columns 1 apart: the transform along channels without transposes).
    static func fftwPlanColumnsC2C(rows: Int, columns: Int, data: UnsafeMutablePointer<Self>, forward: Bool,
                                   flags: UInt32) -> OpaquePointer
    static func fftwExecute(_ plan: OpaquePointer)
    /// `target[i] = source[i] · factor` for i < count (source may be target). A requirement, so each type's loop is
    /// compiled for it: the generic plan classes would otherwise multiply through the protocol, a call per value.
    static func fftwScale(_ source: UnsafeMutablePointer<Self>, into target: UnsafeMutablePointer<Self>, count: Int,
                          by factor: Self)
}

extension Double: FFTWScalar {
    public static func fftwPlanColumnsC2C(rows: Int, columns: Int, data: UnsafeMutablePointer<Double>, forward: Bool,
                                          flags: UInt32) -> OpaquePointer {
        var n = Int32(rows)
        let pairs = UnsafeMutablePointer<fftw_complex>(OpaquePointer(data))
        return fftw_plan_many_dft(1, &n, Int32(columns), pairs, nil, Int32(columns), 1, pairs, nil, Int32(columns), 1,
                                  forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)!
    }
    public static func fftwExecute(_ plan: OpaquePointer) { fftw_execute(plan) }
    public static func fftwAllocate(_ count: Int) -> UnsafeMutablePointer<Double> { fftw_alloc_real(count)! }
    public static func fftwFree(_ pointer: UnsafeMutablePointer<Double>) { fftw_free(pointer) }
    public static func fftwPlanInterleavedR2C(rows: Int, length: Int, input: UnsafeMutablePointer<Double>,
                                              pairs: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        let bins = Int32(length / 2 + 1)
        return pairs.withMemoryRebound(to: fftw_complex.self, capacity: rows * Int(bins)) {
            fftw_plan_many_dft_r2c(1, &n, Int32(rows), input, nil, 1, n, $0, nil, 1, bins, flags)!
        }
    }
    public static func fftwExecuteInterleavedR2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Double>,
                                                 pairs: UnsafeMutablePointer<Double>) {
        // The pairs are FFTW's fftw_complex array viewed as doubles: the same memory, handed to C as its own type.
        fftw_execute_dft_r2c(plan, input, UnsafeMutablePointer<fftw_complex>(OpaquePointer(pairs)))
    }
    public static func fftwAlignment(of pointer: UnsafeMutablePointer<Double>) -> Int32 { fftw_alignment_of(pointer) }
    public static func fftwDestroy(_ plan: OpaquePointer) { fftw_destroy_plan(plan) }
    public static func fftwPlanInterleavedC2R(rows: Int, length: Int, pairs: UnsafeMutablePointer<Double>,
                                              output: UnsafeMutablePointer<Double>, flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        let bins = Int32(length / 2 + 1)
        return pairs.withMemoryRebound(to: fftw_complex.self, capacity: rows * Int(bins)) {
            fftw_plan_many_dft_c2r(1, &n, Int32(rows), $0, nil, 1, bins, output, nil, 1, n, flags)!
        }
    }
    public static func fftwExecuteInterleavedC2R(_ plan: OpaquePointer, pairs: UnsafeMutablePointer<Double>,
                                                 output: UnsafeMutablePointer<Double>) {
        fftw_execute_dft_c2r(plan, UnsafeMutablePointer<fftw_complex>(OpaquePointer(pairs)), output)
    }
    public static func fftwPlanInterleavedC2C(rows: Int, length: Int, input: UnsafeMutablePointer<Double>,
                                              output: UnsafeMutablePointer<Double>, forward: Bool,
                                              flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        return fftw_plan_many_dft(1, &n, Int32(rows), UnsafeMutablePointer<fftw_complex>(OpaquePointer(input)), nil,
                                  1, n, UnsafeMutablePointer<fftw_complex>(OpaquePointer(output)), nil, 1, n,
                                  forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)!
    }
    public static func fftwScale(_ source: UnsafeMutablePointer<Double>, into target: UnsafeMutablePointer<Double>,
                                 count: Int, by factor: Double) {
        for i in 0..<count { target[i] = source[i] * factor }
    }
    public static func fftwExecuteInterleavedC2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Double>,
                                                 output: UnsafeMutablePointer<Double>) {
        fftw_execute_dft(plan, UnsafeMutablePointer<fftw_complex>(OpaquePointer(input)),
                         UnsafeMutablePointer<fftw_complex>(OpaquePointer(output)))
    }
}

extension Float: FFTWScalar {
    public static func fftwPlanColumnsC2C(rows: Int, columns: Int, data: UnsafeMutablePointer<Float>, forward: Bool,
                                          flags: UInt32) -> OpaquePointer {
        var n = Int32(rows)
        let pairs = UnsafeMutablePointer<fftwf_complex>(OpaquePointer(data))
        return fftwf_plan_many_dft(1, &n, Int32(columns), pairs, nil, Int32(columns), 1, pairs, nil, Int32(columns), 1,
                                   forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)!
    }
    public static func fftwExecute(_ plan: OpaquePointer) { fftwf_execute(plan) }
    public static func fftwAllocate(_ count: Int) -> UnsafeMutablePointer<Float> { fftwf_alloc_real(count)! }
    public static func fftwFree(_ pointer: UnsafeMutablePointer<Float>) { fftwf_free(pointer) }
    public static func fftwPlanInterleavedR2C(rows: Int, length: Int, input: UnsafeMutablePointer<Float>,
                                              pairs: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        let bins = Int32(length / 2 + 1)
        return pairs.withMemoryRebound(to: fftwf_complex.self, capacity: rows * Int(bins)) {
            fftwf_plan_many_dft_r2c(1, &n, Int32(rows), input, nil, 1, n, $0, nil, 1, bins, flags)!
        }
    }
    public static func fftwExecuteInterleavedR2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Float>,
                                                 pairs: UnsafeMutablePointer<Float>) {
        fftwf_execute_dft_r2c(plan, input, UnsafeMutablePointer<fftwf_complex>(OpaquePointer(pairs)))
    }
    public static func fftwAlignment(of pointer: UnsafeMutablePointer<Float>) -> Int32 { fftwf_alignment_of(pointer) }
    public static func fftwDestroy(_ plan: OpaquePointer) { fftwf_destroy_plan(plan) }
    public static func fftwPlanInterleavedC2R(rows: Int, length: Int, pairs: UnsafeMutablePointer<Float>,
                                              output: UnsafeMutablePointer<Float>, flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        let bins = Int32(length / 2 + 1)
        return pairs.withMemoryRebound(to: fftwf_complex.self, capacity: rows * Int(bins)) {
            fftwf_plan_many_dft_c2r(1, &n, Int32(rows), $0, nil, 1, bins, output, nil, 1, n, flags)!
        }
    }
    public static func fftwExecuteInterleavedC2R(_ plan: OpaquePointer, pairs: UnsafeMutablePointer<Float>,
                                                 output: UnsafeMutablePointer<Float>) {
        fftwf_execute_dft_c2r(plan, UnsafeMutablePointer<fftwf_complex>(OpaquePointer(pairs)), output)
    }
    public static func fftwPlanInterleavedC2C(rows: Int, length: Int, input: UnsafeMutablePointer<Float>,
                                              output: UnsafeMutablePointer<Float>, forward: Bool,
                                              flags: UInt32) -> OpaquePointer {
        var n = Int32(length)
        return fftwf_plan_many_dft(1, &n, Int32(rows), UnsafeMutablePointer<fftwf_complex>(OpaquePointer(input)), nil,
                                   1, n, UnsafeMutablePointer<fftwf_complex>(OpaquePointer(output)), nil, 1, n,
                                   forward ? FFTW_FORWARD : FFTW_BACKWARD, flags)!
    }
    public static func fftwScale(_ source: UnsafeMutablePointer<Float>, into target: UnsafeMutablePointer<Float>,
                                 count: Int, by factor: Float) {
        for i in 0..<count { target[i] = source[i] * factor }
    }
    public static func fftwExecuteInterleavedC2C(_ plan: OpaquePointer, input: UnsafeMutablePointer<Float>,
                                                 output: UnsafeMutablePointer<Float>) {
        fftwf_execute_dft(plan, UnsafeMutablePointer<fftwf_complex>(OpaquePointer(input)),
                          UnsafeMutablePointer<fftwf_complex>(OpaquePointer(output)))
    }
}

/// A real-to-complex forward transform of `rows` independent rows of `length` samples (row-major input), giving
/// `length / 2 + 1` complex bins per row as (re, im) pairs, in double (`InterleavedRealFFT<Double>`) or single
/// precision. Real input needs only the non-negative frequencies; the rest follow by symmetry, which halves time and
/// memory against a full complex transform. Interleaved pairs are FFTW's own layout: its SIMD code writes them
/// faster than split real and imaginary arrays (500 × 10,000 samples: float 14 against 26 ms, double 30 against
/// 36 ms).
public final class InterleavedRealFFT<Scalar: FFTWScalar>: @unchecked Sendable {
    public let rows: Int
    public let length: Int
    public var bins: Int { length / 2 + 1 }
    private let input: UnsafeMutablePointer<Scalar>
    private let pairs: UnsafeMutablePointer<Scalar>
    private let plan: OpaquePointer

    public init(rows: Int, length: Int, rigor: FFTWPlanningRigor = .estimate) {
        precondition(rows > 0 && length > 0)
        let inputBuffer = Scalar.fftwAllocate(rows * length)
        let pairBuffer = Scalar.fftwAllocate(2 * rows * (length / 2 + 1))
        let planned = FFTWPlanner.withLock {
            Scalar.fftwPlanInterleavedR2C(rows: rows, length: length, input: inputBuffer, pairs: pairBuffer,
                                          flags: rigor.flag)
        }
        self.rows = rows
        self.length = length
        input = inputBuffer
        pairs = pairBuffer
        plan = planned
    }

    deinit {
        FFTWPlanner.withLock { Scalar.fftwDestroy(plan) }
        Scalar.fftwFree(input)
        Scalar.fftwFree(pairs)
    }

    /// Transforms `samples` (rows × length, row-major) and returns rows × bins (re, im) pairs. FFTW reads `samples`
    /// and writes the result array in place of the plan's own buffers when they have the alignment the plan was
    /// made for (FFTW's is 16 bytes, which Swift arrays on glibc have); otherwise through the plan's buffers, with
    /// copies. Either way two chunk-sized copies are saved per call when they can be.
    public func forward(_ samples: [Scalar]) -> [Scalar] {
        precondition(samples.count == rows * length, "expected \(rows)×\(length) samples, got \(samples.count)")
        let count = 2 * rows * bins
        return samples.withUnsafeBufferPointer { samples in
            // An out-of-place r2c plan leaves its input untouched (FFTW_PRESERVE_INPUT is its default), so reading
            // the caller's immutable array through a mutable pointer is safe.
            let source = UnsafeMutablePointer(mutating: samples.baseAddress!)
            let inPlace = Scalar.fftwAlignment(of: source) == Scalar.fftwAlignment(of: input)
            if !inPlace { input.update(from: source, count: samples.count) }
            return FreshBuffer.array(count) { buffer in
                let out = buffer.baseAddress!
                if Scalar.fftwAlignment(of: out) == Scalar.fftwAlignment(of: pairs) {
                    Scalar.fftwExecuteInterleavedR2C(plan, input: inPlace ? source : input, pairs: out)
                } else {
                    Scalar.fftwExecuteInterleavedR2C(plan, input: inPlace ? source : input, pairs: pairs)
                    out.update(from: pairs, count: count)
                }
            }
        }
    }
}

/// The inverse of `InterleavedRealFFT` in either precision: `rows` Hermitian half-spectra of `length / 2 + 1`
/// (re, im) pairs back to real rows of `length` samples, times `scale` (1/length for numpy's `irfft`). The pairs are
/// taken over (`consuming`): FFTW's c2r overwrites its input, so it runs on the caller's array itself when nothing
/// else holds it (no copy into the plan's buffer), and the scale is applied to the output in the same pass that
/// would otherwise copy it out.
public final class InterleavedRealInverseFFT<Scalar: FFTWScalar>: @unchecked Sendable {
    public let rows: Int
    public let length: Int
    public var bins: Int { length / 2 + 1 }
    private let pairs: UnsafeMutablePointer<Scalar>
    private let output: UnsafeMutablePointer<Scalar>
    private let plan: OpaquePointer

    public init(rows: Int, length: Int, rigor: FFTWPlanningRigor = .estimate) {
        precondition(rows > 0 && length > 0)
        let pairBuffer = Scalar.fftwAllocate(2 * rows * (length / 2 + 1))
        let outputBuffer = Scalar.fftwAllocate(rows * length)
        let planned = FFTWPlanner.withLock {
            Scalar.fftwPlanInterleavedC2R(rows: rows, length: length, pairs: pairBuffer, output: outputBuffer,
                                          flags: rigor.flag)
        }
        self.rows = rows
        self.length = length
        pairs = pairBuffer
        output = outputBuffer
        plan = planned
    }

    deinit {
        FFTWPlanner.withLock { Scalar.fftwDestroy(plan) }
        Scalar.fftwFree(pairs)
        Scalar.fftwFree(output)
    }

    /// rows × bins (re, im) pairs → rows × length samples times `scale`.
    public func inverse(_ spectrum: consuming [Scalar], scale: Scalar) -> [Scalar] {
        precondition(spectrum.count == 2 * rows * bins, "expected \(rows)×\(bins) pairs, got \(spectrum.count / 2)")
        let count = rows * length
        var half = consume spectrum
        return half.withUnsafeMutableBufferPointer { half in
            let source = half.baseAddress!
            let inPlace = Scalar.fftwAlignment(of: source) == Scalar.fftwAlignment(of: pairs)
            if !inPlace { pairs.update(from: source, count: half.count) }
            return FreshBuffer.array(count) { out in
                let target = out.baseAddress!
                if Scalar.fftwAlignment(of: target) == Scalar.fftwAlignment(of: output) {
                    Scalar.fftwExecuteInterleavedC2R(plan, pairs: inPlace ? source : pairs, output: target)
                    if scale != 1 { Scalar.fftwScale(target, into: target, count: count, by: scale) }
                } else {
                    Scalar.fftwExecuteInterleavedC2R(plan, pairs: inPlace ? source : pairs, output: output)
                    Scalar.fftwScale(output, into: target, count: count, by: scale)
                }
            }
        }
    }
}

/// Complex-to-complex transforms of `rows` contiguous rows of `length` (re, im) pairs in either precision, forward
/// (e^-i) or backward (e^+i), unnormalised: FFTW's own layout in and out, so no split or interleave pass.
public final class InterleavedComplexFFT<Scalar: FFTWScalar>: @unchecked Sendable {
    public let rows: Int
    public let length: Int
    public let forward: Bool
    private let input: UnsafeMutablePointer<Scalar>
    private let output: UnsafeMutablePointer<Scalar>
    private let plan: OpaquePointer

    public init(rows: Int, length: Int, forward: Bool, rigor: FFTWPlanningRigor = .estimate) {
        precondition(rows > 0 && length > 0)
        let inputBuffer = Scalar.fftwAllocate(2 * rows * length)
        let outputBuffer = Scalar.fftwAllocate(2 * rows * length)
        let planned = FFTWPlanner.withLock {
            Scalar.fftwPlanInterleavedC2C(rows: rows, length: length, input: inputBuffer, output: outputBuffer,
                                          forward: forward, flags: rigor.flag)
        }
        self.rows = rows
        self.length = length
        self.forward = forward
        input = inputBuffer
        output = outputBuffer
        plan = planned
    }

    deinit {
        FFTWPlanner.withLock { Scalar.fftwDestroy(plan) }
        Scalar.fftwFree(input)
        Scalar.fftwFree(output)
    }

    /// rows × length (re, im) pairs → their transforms times `scale`. An out-of-place complex plan leaves its input
    /// as it was, so the caller's array is read where it is when its alignment allows.
    public func transform(_ values: [Scalar], scale: Scalar) -> [Scalar] {
        let count = 2 * rows * length
        precondition(values.count == count, "expected \(rows)×\(length) pairs, got \(values.count / 2)")
        return values.withUnsafeBufferPointer { values in
            let source = UnsafeMutablePointer(mutating: values.baseAddress!)
            let inPlace = Scalar.fftwAlignment(of: source) == Scalar.fftwAlignment(of: input)
            if !inPlace { input.update(from: source, count: count) }
            return FreshBuffer.array(count) { out in
                let target = out.baseAddress!
                if Scalar.fftwAlignment(of: target) == Scalar.fftwAlignment(of: output) {
                    Scalar.fftwExecuteInterleavedC2C(plan, input: inPlace ? source : input, output: target)
                    if scale != 1 { Scalar.fftwScale(target, into: target, count: count, by: scale) }
                } else {
                    Scalar.fftwExecuteInterleavedC2C(plan, input: inPlace ? source : input, output: output)
                    Scalar.fftwScale(output, into: target, count: count, by: scale)
                }
            }
        }
    }
}

/// The inverse of `InterleavedRealFFT`: `rows` Hermitian half-spectra of `length / 2 + 1` bins back to real rows of
/// `length` samples, unnormalised (FFTW's convention: the caller divides by `length`).
public final class BatchedRealInverseFFT: @unchecked Sendable {
    public let rows: Int
    public let length: Int
    public var bins: Int { length / 2 + 1 }
    private let input: UnsafeMutablePointer<fftw_complex>
    private let output: UnsafeMutablePointer<Double>
    private let plan: fftw_plan

    public init(rows: Int, length: Int, rigor: FFTWPlanningRigor = .estimate) {
        precondition(rows > 0 && length > 0)
        let inputBuffer = fftw_alloc_complex(rows * (length / 2 + 1))!
        let outputBuffer = fftw_alloc_real(rows * length)!
        var n = Int32(length)
        let planned = FFTWPlanner.withLock {
            fftw_plan_many_dft_c2r(1, &n, Int32(rows), inputBuffer, nil, 1, Int32(length / 2 + 1), outputBuffer, nil,
                                   1, Int32(length), rigor.flag)!
        }
        self.rows = rows
        self.length = length
        input = inputBuffer
        output = outputBuffer
        plan = planned
    }

    deinit {
        FFTWPlanner.withLock { fftw_destroy_plan(plan) }
        fftw_free(input)
        fftw_free(output)
    }

    /// `interleaved` (re, im) pairs, rows × bins × 2 → rows × length real samples (×length, not normalised).
    public func inverse(_ interleaved: [Double]) -> [Double] {
        precondition(interleaved.count == rows * bins * 2)
        interleaved.withUnsafeBytes {
            UnsafeMutableRawPointer(input).copyMemory(from: $0.baseAddress!, byteCount: $0.count)
        }
        fftw_execute(plan)  // c2r overwrites its input; it is refilled on every call
        let count = rows * length
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.update(from: output, count: count)
            initialized = count
        }
    }
}

/// A complex-to-complex transform of `rows` independent rows of `length` points, forward (e^-i) or backward (e^+i),
/// unnormalised. Other layouts of the same rows × length values (`Axes`): each column transformed down the column of
/// a `length` × `rows` row-major array (FFTW's strided "many" plan: a transform along channels without
/// transposes), or the 2-D transform of a `rows` × `length` array in one plan.
public final class BatchedComplexFFT: @unchecked Sendable {
    /// Which lines of the array are transformed.
    public enum Axes: Sendable, Hashable {
        case rows, columns, both
    }

    public let rows: Int
    public let length: Int
    public let forward: Bool
    public let axes: Axes
    private let buffer: UnsafeMutablePointer<fftw_complex>
    private let plan: fftw_plan

    public init(rows: Int, length: Int, forward: Bool, rigor: FFTWPlanningRigor = .estimate, axes: Axes = .rows) {
        precondition(rows > 0 && length > 0)
        let data = fftw_alloc_complex(rows * length)!
        let sign = forward ? FFTW_FORWARD : FFTW_BACKWARD
        let planned = FFTWPlanner.withLock { () -> fftw_plan in
            if axes == .both { return fftw_plan_dft_2d(Int32(rows), Int32(length), data, data, sign, rigor.flag)! }
            var n = Int32(length)
            // Contiguous rows: element stride 1, rows `length` apart. Columns: element stride `rows`, 1 apart.
            let (stride, distance) = axes == .columns ? (Int32(rows), Int32(1)) : (Int32(1), Int32(length))
            return fftw_plan_many_dft(1, &n, Int32(rows), data, nil, stride, distance, data, nil, stride, distance,
                                      sign, rigor.flag)!
        }
        self.rows = rows
        self.length = length
        self.forward = forward
        self.axes = axes
        buffer = data
        plan = planned
    }

    deinit {
        FFTWPlanner.withLock { fftw_destroy_plan(plan) }
        fftw_free(buffer)
    }

    /// Transforms split real and imaginary parts (rows × length values each, or length × rows for `.columns`):
    /// interleaved straight into FFTW's buffer, and split back out times `scale` (1/n for a normalised inverse),
    /// one pass each way.
    public func transform(real: [Double], imaginary: [Double], scale: Double) -> (real: [Double], imaginary: [Double]) {
        let count = rows * length
        precondition(real.count == count && imaginary.count == count)
        let pairs = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: Double.self)
        real.withUnsafeBufferPointer { re in
            imaginary.withUnsafeBufferPointer { im in
                for i in 0..<count {
                    pairs[2 * i] = re[i]
                    pairs[2 * i + 1] = im[i]
                }
            }
        }
        fftw_execute(plan)
        if scale == 1 {
            return (FreshBuffer.array(count) { out in for i in 0..<count { out[i] = pairs[2 * i] } },
                    FreshBuffer.array(count) { out in for i in 0..<count { out[i] = pairs[2 * i + 1] } })
        }
        return (FreshBuffer.array(count) { out in for i in 0..<count { out[i] = pairs[2 * i] * scale } },
                FreshBuffer.array(count) { out in for i in 0..<count { out[i] = pairs[2 * i + 1] * scale } })
    }
}
