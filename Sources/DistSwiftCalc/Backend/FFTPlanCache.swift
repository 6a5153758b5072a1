import DistSwiftNative
import Synchronization

/// FFTW plans by shape, kept for the life of a backend: every channel block and chunk of a run has the same shape,
/// so each plan (and its aligned buffers) is made once instead of once per block. Transforms run under the cache's
/// lock because a plan's buffers are shared; a worker process runs one graph at a time, so nothing waits.
final class FFTPlanCache: Sendable {
    private struct Key: Hashable {
        let kind: ObjectIdentifier  // the plan's class
        let rows: Int
        let length: Int
        let forward: Bool
        var axes = BatchedComplexFFT.Axes.rows
    }

    private let plans = Mutex<[Key: any AnyObject & Sendable]>([:])
    let rigor: FFTWPlanningRigor

    init(rigor: FFTWPlanningRigor) {
        self.rigor = rigor
    }

    /// Runs `body` with the cached plan of this class and shape, made by `make` the first time.
    private func withPlan<Plan: AnyObject & Sendable, R>(rows: Int, length: Int, forward: Bool = true,
                                                        axes: BatchedComplexFFT.Axes = .rows,
                                                        make: (FFTWPlanningRigor) -> Plan, _ body: (Plan) -> R) -> R {
        plans.withLock { plans in
            let key = Key(kind: ObjectIdentifier(Plan.self), rows: rows, length: length, forward: forward,
                          axes: axes)
            if let plan = plans[key] as? Plan { return body(plan) }
            let plan = make(rigor)
            plans[key] = plan
            return body(plan)
        }
    }

    func realForward<Scalar: FFTWScalar>(_ values: [Scalar], rows: Int, length: Int) -> [Scalar] {
        withPlan(rows: rows, length: length, make: { InterleavedRealFFT<Scalar>(rows: rows, length: length, rigor: $0) }) {
            $0.forward(values)
        }
    }

    /// The c2r transform of (re, im) pairs, times `scale`; the pairs are taken over (FFTW overwrites them), so
    /// a caller that hands over its only reference saves a chunk-sized copy.
    func realInverse<Scalar: FFTWScalar>(pairs: consuming [Scalar], rows: Int, length: Int, scale: Scalar) -> [Scalar] {
        var handed: [Scalar]? = consume pairs
        return withPlan(rows: rows, length: length,
                        make: { InterleavedRealInverseFFT<Scalar>(rows: rows, length: length, rigor: $0) }) {
            $0.inverse(handed.take()!, scale: scale)
        }
    }

    /// Complex transforms of contiguous rows of (re, im) pairs, times `scale`.
    func complexInterleaved<Scalar: FFTWScalar>(_ pairs: [Scalar], rows: Int, length: Int, forward: Bool,
                                                scale: Scalar) -> [Scalar] {
        withPlan(rows: rows, length: length, forward: forward,
                 make: { InterleavedComplexFFT<Scalar>(rows: rows, length: length, forward: forward, rigor: $0) }) {
            $0.transform(pairs, scale: scale)
        }
    }

    func realInverse(_ interleaved: [Double], rows: Int, length: Int) -> [Double] {
        withPlan(rows: rows, length: length, make: { BatchedRealInverseFFT(rows: rows, length: length, rigor: $0) }) {
            $0.inverse(interleaved)
        }
    }

    /// Complex transforms of split parts along the rows of a rows × length array, down the columns of a length ×
    /// rows one, or in 2-D (`axes`), the result times `scale`.
    func complex(real: [Double], imaginary: [Double], rows: Int, length: Int, forward: Bool,
                 axes: BatchedComplexFFT.Axes, scale: Double) -> (real: [Double], imaginary: [Double]) {
        withPlan(rows: rows, length: length, forward: forward, axes: axes,
                 make: { BatchedComplexFFT(rows: rows, length: length, forward: forward, rigor: $0, axes: axes) }) {
            $0.transform(real: real, imaginary: imaginary, scale: scale)
        }
    }
}
