import DistSwiftCalc
import DistSwiftIO
import Testing

@Suite("Zero-phase filtering with channels in SIMD lanes")
struct ZeroPhaseLanesTests {
    @Test("every row equals the one-channel filter bit for bit, for every pad type and a partial last group",
          arguments: PadType.allCases)
    func lanesEqualOneChannel(padType: PadType) throws {
        let rows = 11, columns = 300
        var generator = SystemRandomNumberGenerator()
        let values = (0..<(rows * columns)).map { _ in Double.random(in: -1...1, using: &generator) + 0.5 }
        let x = Array2D(rows: rows, columns: columns, values: values)
        for sos in [Butterworth.sections(order: 5, cutoffs: [0.1], band: .lowpass),
                    Butterworth.sections(order: 3, cutoffs: [0.05, 0.4], band: .bandpass),
                    Butterworth.sections(order: 6, cutoffs: [0.05, 0.4], band: .bandstop)] {  // 6 sections: one per pass
            let lanes = try sos.zeroPhaseRows(x, padType: padType)
            for r in 0..<rows {
                let one = try sos.zeroPhase(x.row(r), padType: padType)
                #expect(Array(lanes[(r * columns)..<((r + 1) * columns)]) == one, "row \(r)")
            }
        }
    }

    @Test("float32 rows give the float64 path's result on the widened rows, rounded to float32, bit for bit",
          arguments: PadType.allCases)
    func floatRowsEqualDoubleRowsRounded(padType: PadType) throws {
        let rows = 37, columns = 517  // a partial last group of lanes and a partial last tile
        var generator = SystemRandomNumberGenerator()
        let singles = (0..<(rows * columns)).map { _ in Float.random(in: -1...1, using: &generator) + 0.25 }
        let x = Array2D(rows: rows, columns: columns, values: singles)
        let widened = Array2D(rows: rows, columns: columns, values: singles.map { Double($0) })
        for sos in [Butterworth.sections(order: 5, cutoffs: [0.04], band: .lowpass),
                    Butterworth.sections(order: 5, cutoffs: [0.001], band: .highpass),
                    Butterworth.sections(order: 6, cutoffs: [0.05, 0.4], band: .bandstop)] {
            let single = try sos.zeroPhaseRows(x, padType: padType)
            let double = try sos.zeroPhaseRows(widened, padType: padType)
            #expect(single == double.map { Float($0) })
            #expect(single.contains { $0 != 0 })
        }
    }

    @Test("rows not longer than the pad length are refused in both precisions")
    func shortRows() {
        let sos = Butterworth.sections(order: 5, cutoffs: [0.1], band: .lowpass)
        let n = sos.defaultPadLength
        #expect(throws: ZeroPhaseLengthError.self) {
            try sos.zeroPhaseRows(Array2D(rows: 2, columns: n, values: [Float](repeating: 1, count: 2 * n)))
        }
        #expect(throws: ZeroPhaseLengthError.self) {
            try sos.zeroPhaseRows(Array2D(rows: 2, columns: n, values: [Double](repeating: 1, count: 2 * n)))
        }
    }
}
