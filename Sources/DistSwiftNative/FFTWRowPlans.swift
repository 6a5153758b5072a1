import CDistShims
import Synchronization

/// FFTW plans of the row kernels (`RowSpectrumKernels`), made once per shape and precision and kept by their owner
/// for the life of a run: a `CPUBackend` holds one (one backend per worker run), so a worker plans each shape once
/// instead of once per chunk (an estimate plan of a 10,000-point r2c + c2r pair took ~4 ms with its twiddle tables,
/// a tenth of a `hilbert` chunk; a measured one ~0.4–0.6 s, or nothing with wisdom).
///
/// Plans are checked out for the length of one kernel call and checked back in, so two threads never share a
/// plan's buffers: a thread that finds none free makes its own (which is kept too). Making and destroying plans goes
/// through `FFTWPlanner`'s lock, FFTW's planner not being thread-safe. No process-wide state: a kernel called
/// without a cache gets a fresh one, planned for that call alone.
public final class FFTWRowPlans: Sendable {
    struct Key: Hashable {
        enum Kind { case pairedRows, columns }
        var kind = Kind.pairedRows
        let scalar: ObjectIdentifier
        let length: Int
        let inverseLength: Int
        let pairs: Int
    }

    public let rigor: FFTWPlanningRigor
    /// The plans not checked out, a short list searched in order (a few shapes per run): a `Dictionary` keyed by
    /// `Key` would make the runtime look up Key's Hashable conformance by name on its first insertion, a scan of
    /// every conformance in the binary that took ~0.5 ms of a worker's first chunk (perf, 2026-12-05).
    private let free = Mutex<[(key: Key, plans: any AnyObject & Sendable)]>([])

    /// `rigor`: the run's planning rigor (`measure` uses and adds to the wisdom the worker imported).
    public init(rigor: FFTWPlanningRigor = .estimate) {
        self.rigor = rigor
    }

    /// Runs `body` with plans for `pairs` pairs of real rows of `length` samples (forward) and of `inverseLength`
    /// samples (backward), in S's precision, held by this call alone.
    func withPairedPlans<S: FFTWScalar, R>(_: S.Type, length: Int, inverseLength: Int, pairs: Int = 1,
                                           _ body: (PairedRowPlans<S>) -> R) -> R {
        let key = Key(scalar: ObjectIdentifier(S.self), length: length, inverseLength: inverseLength, pairs: pairs)
        let plans = checkOut(key) as? PairedRowPlans<S>
            ?? PairedRowPlans<S>(length: length, inverseLength: inverseLength, pairs: pairs, rigor: rigor)
        defer { checkIn(key, plans) }
        return body(plans)
    }

    /// Runs `body` with a rows × columns array of (re, im) pairs and its column plans (`ColumnTransformPlans`),
    /// held by this call alone.
    func withColumnPlans<S: FFTWScalar, R>(_: S.Type, rows: Int, columns: Int,
                                           _ body: (ColumnTransformPlans<S>) -> R) -> R {
        let key = Key(kind: .columns, scalar: ObjectIdentifier(S.self), length: rows, inverseLength: columns, pairs: 0)
        let plans = checkOut(key) as? ColumnTransformPlans<S>
            ?? ColumnTransformPlans<S>(rows: rows, columns: columns, rigor: rigor)
        defer { checkIn(key, plans) }
        return body(plans)
    }

    /// The plans of `key` checked in last, taken off the list, or nil.
    private func checkOut(_ key: Key) -> (any AnyObject & Sendable)? {
        free.withLock { free in
            guard let index = free.lastIndex(where: { $0.key == key }) else { return nil }
            return free.remove(at: index).plans
        }
    }

    private func checkIn(_ key: Key, _ plans: any AnyObject & Sendable) {
        free.withLock { $0.append((key, plans)) }
    }
}

/// Complex FFTW plans that transform two real rows at once as one complex row a + i·b (`pairs` such rows per
/// execution: one for long rows, several for short ones, whose per-call overhead would show): forward over
/// `length` points, backward over `inverseLength`. FFTW's complex transforms are SIMD throughout, its real ones of lengths
/// with factors of 5 are not: a 10,000-point float32 r2c took 13.7 µs a row and its c2r 12.7 µs, the complex
/// transform of two rows packed 12.2 µs — 6.1 µs a row each way (float64: 12.2 + 13.2 against 10.3 + 10.5 µs;
/// /tmp measurements of 2026-12-05, CPU time). The two rows' spectra are separated by conjugate symmetry, and a
/// real-to-real operation in frequency (the Hilbert transform's −i·sgn f) applies to the packed spectrum as it
/// stands, both rows coming back as the real and imaginary parts of one inverse.
final class PairedRowPlans<S: FFTWScalar>: @unchecked Sendable {
    let length: Int
    let inverseLength: Int
    let pairs: Int
    /// (re, im) pairs: `length` of them per packed row (a + i·b), the forward transform's input.
    let packed: UnsafeMutablePointer<S>
    /// `length` pairs: the forward transform's output.
    let spectrum: UnsafeMutablePointer<S>
    /// `inverseLength` pairs: the backward transform's input (`spectrum` itself when the lengths agree).
    let edited: UnsafeMutablePointer<S>
    /// `inverseLength` pairs: the backward transform's output.
    let output: UnsafeMutablePointer<S>
    private let forwardPlan: OpaquePointer
    private let backwardPlan: OpaquePointer

    init(length: Int, inverseLength: Int, pairs: Int, rigor: FFTWPlanningRigor) {
        precondition(length > 0 && inverseLength > 0 && pairs > 0)
        self.length = length
        self.inverseLength = inverseLength
        self.pairs = pairs
        let packed = S.fftwAllocate(2 * length * pairs), spectrum = S.fftwAllocate(2 * length * pairs)
        let edited = inverseLength == length ? spectrum : S.fftwAllocate(2 * inverseLength * pairs)
        let output = S.fftwAllocate(2 * inverseLength * pairs)
        (forwardPlan, backwardPlan) = FFTWPlanner.withLock {
            (S.fftwPlanInterleavedC2C(rows: pairs, length: length, input: packed, output: spectrum, forward: true,
                                      flags: rigor.flag),
             S.fftwPlanInterleavedC2C(rows: pairs, length: inverseLength, input: edited, output: output,
                                      forward: false, flags: rigor.flag))
        }
        // A measured plan wrote test data into the buffers; every kernel fills them before use.
        (self.packed, self.spectrum, self.edited, self.output) = (packed, spectrum, edited, output)
    }

    deinit {
        FFTWPlanner.withLock {
            S.fftwDestroy(forwardPlan)
            S.fftwDestroy(backwardPlan)
        }
        S.fftwFree(packed)
        S.fftwFree(spectrum)
        if edited != spectrum { S.fftwFree(edited) }
        S.fftwFree(output)
    }

    /// Rows a and b (b nil: zeros) of `count` ≤ length samples into packed row `slot` as a + i·b, zero-padded to
    /// `length`.
    func pack<I: BinaryFloatingPoint>(_ a: UnsafePointer<I>, _ b: UnsafePointer<I>?, count: Int, slot: Int = 0) {
        let packed = self.packed + 2 * length * slot
        if I.self == Float.self && S.self == Float.self {
            // float32 in and out: the vectorised C pass.
            dist_rowpair_pack(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                              b.map { UnsafeRawPointer($0).assumingMemoryBound(to: Float.self) },
                              UnsafeMutableRawPointer(packed).assumingMemoryBound(to: Float.self), count)
        } else if let b {
            for t in 0..<count {
                packed[2 * t] = S(a[t])
                packed[2 * t + 1] = S(b[t])
            }
        } else {
            for t in 0..<count {
                packed[2 * t] = S(a[t])
                packed[2 * t + 1] = 0
            }
        }
        if count < length { (packed + 2 * count).update(repeating: 0, count: 2 * (length - count)) }
    }

    func forward() { S.fftwExecuteInterleavedC2C(forwardPlan, input: packed, output: spectrum) }

    /// The unnormalised backward transform of `edited` into `output` (FFTW's out-of-place complex plans leave
    /// their input as it was).
    func backward() { S.fftwExecuteInterleavedC2C(backwardPlan, input: edited, output: output) }
}

/// A rows × columns array of (re, im) pairs in FFTW's alignment and FFTW's in-place plans of its columns (length
/// `rows`, stride `columns`), forward and backward: the transform along channels of a half spectrum. Kept by
/// `FFTWRowPlans` with the array, so a worker's later chunks find its pages mapped. The plans are made before any
/// data is written (a measured plan overwrites the array).
final class ColumnTransformPlans<S: FFTWScalar>: @unchecked Sendable {
    let rows: Int
    let columns: Int
    let data: UnsafeMutablePointer<S>
    private let forwardPlan: OpaquePointer
    private let backwardPlan: OpaquePointer

    init(rows: Int, columns: Int, rigor: FFTWPlanningRigor) {
        precondition(rows > 0 && columns > 0)
        self.rows = rows
        self.columns = columns
        let data = S.fftwAllocate(2 * rows * columns)
        (forwardPlan, backwardPlan) = FFTWPlanner.withLock {
            (S.fftwPlanColumnsC2C(rows: rows, columns: columns, data: data, forward: true, flags: rigor.flag),
             S.fftwPlanColumnsC2C(rows: rows, columns: columns, data: data, forward: false, flags: rigor.flag))
        }
        self.data = data
    }

    deinit {
        FFTWPlanner.withLock {
            S.fftwDestroy(forwardPlan)
            S.fftwDestroy(backwardPlan)
        }
        S.fftwFree(data)
    }

    /// The unnormalised transform of every column of `data`, in place.
    func forward() { S.fftwExecute(forwardPlan) }
    func backward() { S.fftwExecute(backwardPlan) }
}
