import DistSwiftCalc
import Testing

@Suite("Axes: exact indices, global phase, trims")
struct AxisTests {
    let start: Int64 = 1_704_067_200_000_000_000

    @Test("a time axis gives UTC ns per element without materialising the grid; slices keep their place")
    func timeValues() {
        let axis = Axis.time(originNs: start, rateHz: 3000, firstSample: 2999, count: 4)
        #expect(axis.timesNs == [start + 999_666_667, start + 1_000_000_000, start + 1_000_333_333, start + 1_000_666_667])
        #expect(axis.slice(1..<3).timesNs == Array(axis.timesNs![1..<3]))
        #expect(axis.rateHz == 3000 && axis.step == 1.0 / 3000)
    }

    @Test("decimation keeps the elements whose grid index is a multiple of the step, wherever the chunk starts")
    func decimationPhase() {
        // A chunk starting at sample 1000 of its segment, 1000 samples long, decimated by 7: the first kept sample is
        // 1001 (= 7 · 143), offset 1 in the chunk.
        let axis = Axis.time(originNs: start, rateHz: 2000, firstSample: 1000, count: 1000)
        let (kept, offset) = axis.decimated(by: 7)
        #expect(offset == 1)
        #expect(kept.first == 143 && kept.stride == 7 && kept.rateHz == 2000.0 / 7)
        #expect(kept.count == Array(stride(from: 1001, to: 2000, by: 7)).count)
        #expect(kept.timesNs!.first == start + 1001 * 500_000)
        // Twice in a row is the product of the steps.
        let (twice, offset2) = kept.decimated(by: 3)
        #expect(twice.stride == 21 && (143 + offset2) % 3 == 0 && twice.baseIndex(0) % 21 == 0)
    }

    @Test("the elements inside a base range are the ones a halo trim keeps, for any stride")
    func trimRange() {
        let axis = Axis.time(originNs: 0, rateHz: 1000, firstSample: 980, count: 1060)  // samples 980 ..< 2040
        #expect(axis.elements(withBaseIndicesIn: 1000..<2000) == 20..<1020)
        let (coarse, _) = axis.decimated(by: 4)  // samples 980, 984, …, 2036
        let keep = coarse.elements(withBaseIndicesIn: 1000..<2000)
        #expect(coarse.slice(keep).baseIndex(0) == 1000 && coarse.slice(keep).baseIndex(keep.count - 1) == 1996)
        #expect(axis.elements(withBaseIndicesIn: 5000..<6000).isEmpty)
    }

    @Test("channel positions follow a channel step; DFT bins are numpy's fftfreq")
    func distanceAndFrequency() {
        let positions = (0..<10).map { 100 + 2 * Double($0) }
        let (kept, _) = Axis.distance(positions: positions, range: 3..<10).decimated(by: 3)
        #expect(kept.values == [106, 112, 118])
        #expect(Axis.dft(.frequency, count: 5, sampleRate: 10, units: "Hz").values == [0, 2, 4, -4, -2])
        #expect(Axis.dft(.frequency, count: 4, sampleRate: 8, units: "Hz").values == [0, 2, -4, -2])
    }
}
