import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// The state scan of IIR filters along time: the lanes kernel started from given states and giving its end states
/// agrees with a plain scalar loop of the transposed direct form II, and `process` plans drop the filters' halo
/// only where the scan can stand in for it.
@Suite("IIR state scan: kernel with states, and which plans use it")
struct StateScanTests {
    /// Deterministic values in [-1, 1).
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
        }
    }

    /// One pass of the cascade over `x` (forward, or from the last sample down) from per-section states `z`
    /// (z[2q], z[2q + 1]), leaving the end states in `z`: the textbook recurrence, one sample at a time.
    static func scalarPass(_ x: inout [Double], sections: [SecondOrderSections.Section], z: inout [Double],
                           reversed: Bool) {
        let order = reversed ? Array(x.indices.reversed()) : Array(x.indices)
        for i in order {
            var v = x[i]
            for (q, s) in sections.enumerated() {
                let y = s.b0 * v + z[2 * q]
                z[2 * q] = s.b1 * v - s.a1 * y + z[2 * q + 1]
                z[2 * q + 1] = s.b2 * v - s.a2 * y
                v = y
            }
            x[i] = v
        }
    }

    @Test("forward and backward passes from given states, with end states, equal a scalar loop (3 and 6 sections)",
          arguments: [3, 6])
    func kernelWithStates(order: Int) throws {
        let sos = Butterworth.sections(order: order, cutoffs: [0.05, 0.3], band: .bandpass)
        let rows = 19, n = 300, d = 2 * sos.sections.count  // 19 rows: a full lane group and a partial one
        let x = Self.values(rows * n, seed: 3)
        let forward = Self.values(rows * d, seed: 5), backward = Self.values(rows * d, seed: 9)
        var states = SOSLanes.States(forwardStart: forward, backwardStart: backward)
        let out = SOSLanes.filterRows(x, rows: rows, columns: n, before: 0, after: 0, padding: .odd, passes: 2,
                                      coefficients: sos.sections.flatMap { [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2] },
                                      initialConditions: sos.stepInitialConditions.flatMap { [$0.0, $0.1] },
                                      states: &states, wantsEnds: true)
        var worst = 0.0
        for r in 0..<rows {
            var line = Array(x[(r * n)..<((r + 1) * n)])
            var zf = Array(forward[(r * d)..<((r + 1) * d)]), zb = Array(backward[(r * d)..<((r + 1) * d)])
            Self.scalarPass(&line, sections: sos.sections, z: &zf, reversed: false)
            Self.scalarPass(&line, sections: sos.sections, z: &zb, reversed: true)
            for (a, b) in zip(out[(r * n)..<((r + 1) * n)], line) { worst = max(worst, abs(a - b)) }
            for (a, b) in zip(states.forwardEnd[(r * d)..<((r + 1) * d)], zf) { worst = max(worst, abs(a - b)) }
            for (a, b) in zip(states.backwardEnd[(r * d)..<((r + 1) * d)], zb) { worst = max(worst, abs(a - b)) }
        }
        #expect(worst <= 1e-12, "largest difference \(worst)")
    }

    @Test("without states the general kernel is sosfiltfilt: equal to the zero-phase rows path and the one-channel code")
    func generalKernelIsZeroPhase() throws {
        let sos = Butterworth.sections(order: 4, cutoffs: [0.01, 0.2], band: .bandpass)
        let rows = 5, n = 400
        let x = Array2D(rows: rows, columns: n, values: Self.values(rows * n, seed: 11))
        var none = SOSLanes.States()
        let general = SOSLanes.filterRows(x.values, rows: rows, columns: n, before: sos.defaultPadLength,
                                          after: sos.defaultPadLength, padding: .odd, passes: 2,
                                          coefficients: sos.sections.flatMap { [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2] },
                                          initialConditions: sos.stepInitialConditions.flatMap { [$0.0, $0.1] },
                                          states: &none, wantsEnds: false)
        #expect(general == (try sos.zeroPhaseRows(x, padType: .odd)))
        for r in 0..<rows {
            let one = try sos.zeroPhase(x.values[(r * n)..<((r + 1) * n)], padType: .odd)
            #expect(Array(general[(r * n)..<((r + 1) * n)]) == one, "row \(r): the one-channel code")
        }
    }

    static func harness() throws -> GraphHarness {
        GraphHarness(rate: 2000, positions: [0, 2, 4, 6], results: try LocalStorage(root: TemporaryFolder().path))
    }

    @Test("process plans scan the filters along time and drop their halo; watch plans keep it")
    func plans() throws {
        let json = #"""
            {"command_list": [
              {"name": "pass_filter", "uid": 1, "in_uid": 0, "time": [5, 400]},
              {"name": "notch_filter", "uid": 2, "in_uid": 1, "time": 60, "q": 30},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "f"},
              {"name": "butter", "uid": 4, "in_uid": 0, "freq": 300},
              {"name": "write_npy", "uid": 5, "in_uid": 4, "directory_out": "b"}
            ]}
            """#
        let plan = try Self.harness().plan(json)
        #expect(plan.timeHalo.before > 1_000 && plan.stateScanned.isEmpty, "as validated: halos (watch)")
        let scanned = plan.usingStateScan()
        #expect(scanned.stateScanned == [0, 1, 3], "the chain and the butter")
        #expect(scanned.timeHalo == .none, "no halo left: \(scanned.timeHalo)")
    }

    @Test("a filter keeps its halo where a windowed command needs filtered samples beyond the chunk, or beside a running total")
    func keepsHalo() throws {
        let windowed = #"""
            {"command_list": [
              {"name": "pass_filter", "uid": 1, "in_uid": 0, "time": [5, 400]},
              {"name": "diff", "uid": 2, "in_uid": 1, "window_length": 2},
              {"name": "write_npy", "uid": 3, "in_uid": 2, "directory_out": "r"},
              {"name": "integrate", "uid": 4, "in_uid": 0, "dim": "time"},
              {"name": "notch_filter", "uid": 5, "in_uid": 4, "time": 60, "q": 30},
              {"name": "write_npy", "uid": 6, "in_uid": 5, "directory_out": "n"},
              {"name": "notch_filter", "uid": 7, "in_uid": 0, "time": 50, "q": 30},
              {"name": "write_npy", "uid": 8, "in_uid": 7, "directory_out": "m"}
            ]}
            """#
        let plan = try Self.harness().plan(windowed).usingStateScan()
        #expect(plan.stateScanned == [6], "only the notch beside nothing: \(plan.stateScanned)")
        #expect(plan.timeHalo.before > 1_000, "the others keep theirs")
    }
}
