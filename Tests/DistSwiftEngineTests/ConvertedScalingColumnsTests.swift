import DistSwiftNative
import Foundation
import Testing

/// `LineKernels.convertedScalingColumns` (taper's and line_mute's one pass along time) against what it replaces:
/// `converted`, then the spans' columns scaled in place — bit for bit, in every pair of precisions (float64 values
/// narrowed to float32 are rounded before they are scaled, as the two passes did).
@Suite("converting and scaling columns in one pass equals converting, then scaling the spans")
struct ConvertedScalingColumnsTests {
    static let columns = 37, rows = 5
    static let factors: [Double] = (0..<columns).map { k -> Double in
        if k < 6 { return Double(k) / 6 }  // a rising end (0 included)
        return k > 30 ? 0.1 * Double(37 - k) : 1
    }
    static let spans = [0..<6, 31..<37]
    static let values: [Double] = (0..<(rows * columns)).map { i -> Double in sin(Double(i) * 0.37) * 1e3 + 1.0 / 3 }

    static func twoPasses<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ x: [S], as: D.Type) -> [D] {
        var out = LineKernels.converted(x, to: D.self)
        for r in 0..<rows {
            for span in spans {
                for c in span { out[r * columns + c] = D(Double(out[r * columns + c]) * factors[c]) }
            }
        }
        return out
    }

    @Test("float32 → float64, float64 → float32, and each precision to itself")
    func sameAsTwoPasses() {
        let single = Self.values.map { Float($0) }
        func one<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(_ x: [S], _: D.Type) -> [D] {
            LineKernels.convertedScalingColumns(x, columns: Self.columns, by: Self.factors, spans: Self.spans, as: D.self)
        }
        #expect(one(single, Double.self) == Self.twoPasses(single, as: Double.self))
        #expect(one(Self.values, Float.self) == Self.twoPasses(Self.values, as: Float.self))
        #expect(one(Self.values, Double.self) == Self.twoPasses(Self.values, as: Double.self))
        #expect(one(single, Float.self) == Self.twoPasses(single, as: Float.self))
        // Columns outside the spans are the values converted, untouched by their factor.
        let got = one(single, Double.self)
        #expect((6..<31).allSatisfy { got[2 * Self.columns + $0] == Double(single[2 * Self.columns + $0]) })
    }
}
