import DistSwiftIngesters
import DistSwiftIO
import Testing

@Suite("Synthetic scenes")
struct SyntheticSceneTests {
    @Test("any split into chunks gives the same samples as one piece")
    func chunkIndependence() {
        let scene = SyntheticScene.standard(channels: 16, channelSpacingM: 5, samplingRateHz: 2000, durationS: 3,
                                            startTimeNs: 0, seed: 7)
        let whole = scene.samples(0..<6000)
        for split in [1, 999, 4096, 4097, 5999] {
            let a = scene.samples(0..<split)
            let b = scene.samples(split..<6000)
            for r in 0..<16 {
                #expect(Array(whole.row(r)) == Array(a.row(r)) + Array(b.row(r)))
            }
        }
    }

    @Test("a moving source arrives where its velocity puts it")
    func movingSourceArrival() {
        let source = SyntheticScene.MovingSource(originM: 0, originS: 0.1, velocityMS: 500, peakHz: 50, amplitude: 1)
        let scene = SyntheticScene(channels: 101, channelSpacingM: 2, samplingRateHz: 1000, durationS: 1,
                                   startTimeNs: 0, movingSources: [source], noiseLevel: 0)
        let data = scene.samples(0..<1000)
        for channel in [0, 25, 50, 100] {
            let row = Array(data.row(channel))
            let peak = row.indices.max { row[$0] < row[$1] }!
            let expected = (0.1 + Double(channel) * 2 / 500) * 1000
            #expect(abs(Double(peak) - expected) <= 1, "channel \(channel)")
            #expect(abs(row[peak] - 1) < 0.01)
        }
    }

    @Test("the seed decides the noise; the same seed repeats it")
    func seeds() {
        func make(_ seed: UInt64) -> Array2D<Float> {
            SyntheticScene(channels: 3, channelSpacingM: 1, samplingRateHz: 100, durationS: 1, startTimeNs: 0,
                           noiseLevel: 1, seed: seed).samples(0..<100)
        }
        #expect(make(1) == make(1))
        #expect(make(1) != make(2))
        let noise = make(3).values.map(Double.init)
        let mean = noise.reduce(0, +) / Double(noise.count)
        let variance = noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(noise.count)
        #expect(abs(mean) < 0.2 && abs(variance - 1) < 0.3)
    }
}
