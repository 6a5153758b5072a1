import DistSwiftNative
import Synchronization

/// FFTW plans by shape, kept for the life of a backend: every channel block and chunk of a run has the same shape,
/// so each plan (and its aligned buffers) is made once instead of once per block. Transforms run under the cache's
/// lock because a plan's buffers are shared; a worker process runs one graph at a time, so nothing waits.
final class FFTPlanCache: Sendable {
    private struct Key: Hashable {
        let kind: Int  // 0 real forward, 1 real inverse, 2 complex forward, 3 complex inverse
        let rows: Int
        let length: Int
    }

    private enum Plan {
        case realForward(BatchedRealFFT)
        case realInverse(BatchedRealInverseFFT)
        case complex(BatchedComplexFFT)
    }

    private let plans = Mutex<[Key: Plan]>([:])
    let rigor: FFTWPlanningRigor

    init(rigor: FFTWPlanningRigor) {
        self.rigor = rigor
    }

    func realForward(_ values: [Double], rows: Int, length: Int) -> (real: [Double], imaginary: [Double]) {
        plans.withLock { plans in
            let key = Key(kind: 0, rows: rows, length: length)
            if case .realForward(let plan)? = plans[key] { return plan.forward(values) }
            let plan = BatchedRealFFT(rows: rows, length: length, rigor: rigor)
            plans[key] = .realForward(plan)
            return plan.forward(values)
        }
    }

    func realInverse(_ interleaved: [Double], rows: Int, length: Int) -> [Double] {
        plans.withLock { plans in
            let key = Key(kind: 1, rows: rows, length: length)
            if case .realInverse(let plan)? = plans[key] { return plan.inverse(interleaved) }
            let plan = BatchedRealInverseFFT(rows: rows, length: length, rigor: rigor)
            plans[key] = .realInverse(plan)
            return plan.inverse(interleaved)
        }
    }

    func complex(_ interleaved: [Double], rows: Int, length: Int, forward: Bool) -> [Double] {
        plans.withLock { plans in
            let key = Key(kind: forward ? 2 : 3, rows: rows, length: length)
            if case .complex(let plan)? = plans[key] { return plan.transform(interleaved) }
            let plan = BatchedComplexFFT(rows: rows, length: length, forward: forward, rigor: rigor)
            plans[key] = .complex(plan)
            return plan.transform(interleaved)
        }
    }
}
