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
}
