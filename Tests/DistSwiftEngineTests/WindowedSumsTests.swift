import DistSwiftNative
import Foundation
import Testing

/// `LineKernels.windowedSums` (line_mute's Gaussian over its edges, eight windows side by side) against the plain
/// loop it replaces, bit for bit: each window's sum from 0 in tap order.
@Suite("windowed sums eight at a time equal the plain loop bit for bit")
struct WindowedSumsTests {
    @Test("every count of windows around the eight-lane blocks, a step mask and a noisy one", arguments: [1, 7, 8, 9, 23, 64])
    func sameAsLoop(windows: Int) {
        let taps = 41
        let weights = (0..<taps).map { j in exp(-pow(Double(j - taps / 2) / 7, 2) / 2) / 17.5 }
        let step = (0..<(windows + taps + 5)).map { $0 < 30 ? 1.0 : 0.0 }
        let noisy = (0..<(windows + taps + 5)).map { sin(Double($0) * 1.3) + 1.0 / 3 }
        for x in [step, noisy] {
            for first in [0, 3] {
                let got = LineKernels.windowedSums(x, weights: weights, starts: first..<(first + windows))
                let expected = (first..<(first + windows)).map { s -> Double in
                    var sum = 0.0
                    for (j, w) in weights.enumerated() { sum += w * x[s + j] }
                    return sum
                }
                #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "\(windows) windows from \(first)")
            }
        }
        #expect(LineKernels.windowedSums([1, 2], weights: [1], starts: 0..<0).isEmpty)
    }
}
