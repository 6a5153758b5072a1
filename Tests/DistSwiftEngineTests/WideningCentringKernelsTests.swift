import DistSwiftNative
import Testing

/// The C kernel that centres float32 rows into fresh float64 rows (`CentringKernels.widened`, a float32 chunk's
/// demean/standardize/normalize in a float64 graph) against the Swift in-place kernels on a float64 copy of the
/// rows, which the float64 graph used before: bit for bit, at every vector level.
@Suite("demean/standardize/normalize by the C kernel (float32 → float64, float32 in place) equal the Swift kernels bit for bit")
struct WideningCentringKernelsTests {
    /// Rows of float32 values with NaN here and there, a row of NaN only (mean NaN), a row of zeros (zero norm and
    /// std) and a row of one value (std 0) — for rows and columns that are and are not multiples of the kernel's
    /// eight-row groups and eight-column blocks.
    static func rows(_ rows: Int, _ columns: Int) -> [Float] {
        var state: UInt64 = 7
        var x: [Float] = (0..<(rows * columns)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Double(state >> 11) / Double(1 << 53) * 4 - 2) * 1e3
        }
        if x.count > 5 { x[5] = .nan }
        if x.count > 20 { x[x.count - 3] = .nan; x[x.count - 1] = -.infinity }
        if rows > 2 { for k in 0..<columns { x[2 * columns + k] = .nan } }
        if rows > 4 { for k in 0..<columns { x[4 * columns + k] = k % 2 == 0 ? 0 : -0.0 } }
        if rows > 6 { for k in 0..<columns { x[6 * columns + k] = 3.25 } }
        return x
    }

    /// The rows centred by the Swift in-place kernel of `centring` (the reference).
    static func swiftKernel<D: BinaryFloatingPoint>(_ centring: CentringKernels.RowCentring, _ x: [D],
                                                    columns: Int) -> [D] {
        var values = x
        switch centring {
        case .demean: CentringKernels.subtractRowMeansInPlace(&values, columns: columns)
        case .standardize: CentringKernels.standardizeRowsInPlace(&values, columns: columns)
        case .l2Normalize: CentringKernels.scaleRowsByL2NormInPlace(&values, columns: columns)
        }
        return values
    }

    static let shapes = [(1, 1), (1, 9), (3, 7), (8, 8), (9, 17), (13, 400), (16, 64), (17, 33), (21, 1003)]

    @Test("every shape, kind and level", arguments: shapes)
    func sameAsInPlaceFloat64(shape: (Int, Int)) {
        let (rows, columns) = shape
        let x = Self.rows(rows, columns)
        let wide = x.map { Double($0) }
        for centring in CentringKernels.RowCentring.allCases {
            let expected = Self.swiftKernel(centring, wide, columns: columns)
            for level in SlidingWindowKernels.Level.allCases {
                let got = CentringKernels.widened(x, columns: columns, centring, level: level)
                #expect(got.count == expected.count)
                #expect(zip(got, expected).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
                        "\(rows) × \(columns) \(centring) \(level)")
            }
        }
    }

    @Test("float32 rows centred in place by C equal the Swift in-place kernels on float32, every level", arguments: shapes)
    func singleInPlaceSameAsSwift(shape: (Int, Int)) {
        let (rows, columns) = shape
        let x = Self.rows(rows, columns)
        for centring in CentringKernels.RowCentring.allCases {
            let expected = Self.swiftKernel(centring, x, columns: columns)
            for level in SlidingWindowKernels.Level.allCases {
                var got = x
                #expect(CentringKernels.centredInPlace(&got, columns: columns, centring, level: level))
                #expect(zip(got, expected).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
                        "\(rows) × \(columns) \(centring) \(level)")
            }
        }
        var wide = x.map { Double($0) }
        #expect(!CentringKernels.centredInPlace(&wide, columns: columns, .demean))  // float64: the caller's kernel
        #expect(wide.map(\.bitPattern) == x.map { Double($0).bitPattern })  // and left as it was
    }

    @Test("the generic entry takes only float32 → float64; a row of NaN centres to NaN, a zero row normalises to zeros")
    func genericEntryAndEdgeRows() {
        let x = Self.rows(9, 17)
        #expect(CentringKernels.widenedIfSingle(x, columns: 17, as: Float.self, .demean) == nil)
        #expect(CentringKernels.widenedIfSingle(x.map { Double($0) }, columns: 17, as: Double.self, .demean) == nil)
        let demeaned = CentringKernels.widenedIfSingle(x, columns: 17, as: Double.self, .demean) ?? []
        #expect(demeaned[(2 * 17)..<(3 * 17)].allSatisfy { $0.isNaN })
        let normalized = CentringKernels.widened(x, columns: 17, .l2Normalize)
        #expect(normalized[(4 * 17)..<(5 * 17)].allSatisfy { $0 == 0 })
        let standardized = CentringKernels.widened(x, columns: 17, .standardize)
        #expect(standardized[(6 * 17)..<(7 * 17)].allSatisfy { $0.isNaN })  // 0 / 0, as numpy's
        #expect(CentringKernels.widened([], columns: 17, .demean).isEmpty)
    }
}
