import DistSwiftIO
import Foundation

/// A synthetic DAS record: what a fibre along a well or a road would see. Moving sources cross the fibre at given
/// apparent velocities (Ricker pulses), a stationary source radiates band-limited noise around one position (a
/// leak or a pump), and every channel has white noise. Deterministic for a given seed, and each chunk is computed
/// on its own, so chunks can be generated in any order or in parallel.
public struct SyntheticScene: Sendable, Codable, Equatable {
    public struct MovingSource: Sendable, Codable, Equatable {
        /// Where and when the pulse is emitted (metres along the fibre, seconds after the record start).
        public var originM: Double
        public var originS: Double
        /// Apparent velocity along the fibre (m/s); the pulse travels both ways from its origin.
        public var velocityMS: Double
        /// Ricker peak frequency (Hz) and peak amplitude.
        public var peakHz: Double
        public var amplitude: Double

        public init(originM: Double, originS: Double, velocityMS: Double, peakHz: Double, amplitude: Double) {
            self.originM = originM
            self.originS = originS
            self.velocityMS = velocityMS
            self.peakHz = peakHz
            self.amplitude = amplitude
        }
    }

    public struct StationarySource: Sendable, Codable, Equatable {
        public var positionM: Double
        /// Spatial extent (Gaussian standard deviation, metres).
        public var widthM: Double
        public var lowHz: Double
        public var highHz: Double
        /// RMS amplitude at the centre.
        public var amplitude: Double

        public init(positionM: Double, widthM: Double, lowHz: Double, highHz: Double, amplitude: Double) {
            self.positionM = positionM
            self.widthM = widthM
            self.lowHz = lowHz
            self.highHz = highHz
            self.amplitude = amplitude
        }
    }

    public var channels: Int
    public var channelSpacingM: Double
    public var firstChannelM: Double
    public var samplingRateHz: Double
    public var durationS: Double
    public var startTimeNs: Int64
    public var movingSources: [MovingSource]
    public var stationarySources: [StationarySource]
    /// Standard deviation of the white noise.
    public var noiseLevel: Double
    public var seed: UInt64

    public init(channels: Int, channelSpacingM: Double, firstChannelM: Double = 0, samplingRateHz: Double,
                durationS: Double, startTimeNs: Int64, movingSources: [MovingSource] = [],
                stationarySources: [StationarySource] = [], noiseLevel: Double = 0.1, seed: UInt64 = 1) {
        self.channels = channels
        self.channelSpacingM = channelSpacingM
        self.firstChannelM = firstChannelM
        self.samplingRateHz = samplingRateHz
        self.durationS = durationS
        self.startTimeNs = startTimeNs
        self.movingSources = movingSources
        self.stationarySources = stationarySources
        self.noiseLevel = noiseLevel
        self.seed = seed
    }

    /// A scene with two vehicles/tube waves at different speeds and a noisy spot mid-fibre.
    public static func standard(channels: Int, channelSpacingM: Double, samplingRateHz: Double, durationS: Double,
                                startTimeNs: Int64, seed: UInt64 = 1) -> SyntheticScene {
        let length = Double(channels) * channelSpacingM
        let nyquist = samplingRateHz / 2
        return SyntheticScene(
            channels: channels, channelSpacingM: channelSpacingM, samplingRateHz: samplingRateHz,
            durationS: durationS, startTimeNs: startTimeNs,
            movingSources: [
                MovingSource(originM: 0.2 * length, originS: 0.2 * durationS, velocityMS: 1500,
                             peakHz: min(100, nyquist / 4), amplitude: 1.0),
                MovingSource(originM: 0.7 * length, originS: 0.55 * durationS, velocityMS: 400,
                             peakHz: min(40, nyquist / 8), amplitude: 0.6),
            ],
            stationarySources: [
                StationarySource(positionM: 0.5 * length, widthM: max(2 * channelSpacingM, 0.03 * length),
                                 lowHz: min(200, 0.3 * nyquist), highHz: min(800, 0.6 * nyquist), amplitude: 0.5)
            ],
            noiseLevel: 0.05, seed: seed)
    }

    public var totalSamples: Int { Int((durationS * samplingRateHz).rounded()) }

    public var channelPositions: [Double] { (0..<channels).map { firstChannelM + Double($0) * channelSpacingM } }

    /// Samples `range` (sample indices from the record start) of every channel, as channels × samples.
    public func samples(_ range: Range<Int>) -> Array2D<Float> {
        var out = [Float](repeating: 0, count: channels * range.count)
        let dt = 1 / samplingRateHz
        addMovingSources(into: &out, range: range, dt: dt)
        addStationarySources(into: &out, range: range, dt: dt)
        addNoise(into: &out, range: range)
        return Array2D(rows: channels, columns: range.count, values: out)
    }

    private func addMovingSources(into out: inout [Float], range: Range<Int>, dt: Double) {
        let width = range.count
        for source in movingSources {
            let halfWindow = 1.5 / source.peakHz  // the Ricker pulse is negligible beyond this
            let a = Double.pi * source.peakHz
            for channel in 0..<channels {
                let x = firstChannelM + Double(channel) * channelSpacingM
                let arrival = source.originS + abs(x - source.originM) / source.velocityMS
                let first = max(range.lowerBound, Int(((arrival - halfWindow) / dt).rounded(.down)))
                let last = min(range.upperBound, Int(((arrival + halfWindow) / dt).rounded(.up)) + 1)
                guard first < last else { continue }
                for sample in first..<last {
                    let tau = Double(sample) * dt - arrival
                    let arg = a * a * tau * tau
                    out[channel * width + sample - range.lowerBound] += Float(source.amplitude * (1 - 2 * arg) * exp(-arg))
                }
            }
        }
    }

    private func addStationarySources(into out: inout [Float], range: Range<Int>, dt: Double) {
        let width = range.count
        for (index, source) in stationarySources.enumerated() {
            // A sum of sinusoids spread over the band, with fixed random phases: band-limited, stationary and
            // computable for any sample range without state from earlier chunks.
            var rng = SplitMix64(seed: seed &+ 0x5157_4E0D &+ UInt64(index))
            let components = 24
            let tones = (0..<components).map { k -> (Double, Double) in
                let f = source.lowHz + (source.highHz - source.lowHz) * (Double(k) + rng.unitInterval()) / Double(components)
                return (2 * Double.pi * f, 2 * Double.pi * rng.unitInterval())
            }
            let scale = source.amplitude * (2.0 / Double(components)).squareRoot()
            var trace = [Double](repeating: 0, count: width)
            for (omega, phase) in tones {
                for i in 0..<width { trace[i] += sin(omega * Double(range.lowerBound + i) * dt + phase) }
            }
            for channel in 0..<channels {
                let x = firstChannelM + Double(channel) * channelSpacingM
                let d = (x - source.positionM) / source.widthM
                let weight = scale * exp(-0.5 * d * d)
                guard weight > 1e-6 * scale else { continue }
                for i in 0..<width { out[channel * width + i] += Float(weight * trace[i]) }
            }
        }
    }

    private func addNoise(into out: inout [Float], range: Range<Int>) {
        guard noiseLevel > 0 else { return }
        let width = range.count
        for channel in 0..<channels {
            // One generator per (channel, block of 4096 samples): any sample range reproduces the same values.
            var sample = range.lowerBound
            while sample < range.upperBound {
                let block = sample / 4096
                let blockEnd = min(range.upperBound, (block + 1) * 4096)
                var rng = SplitMix64(seed: seed ^ (UInt64(channel) << 32) ^ UInt64(block) &* 0x9E37_79B9)
                var skip = sample - block * 4096
                var pending: Double?
                func nextNormal() -> Double {
                    if let p = pending { pending = nil; return p }
                    let (u, v) = rng.normalPair()
                    pending = v
                    return u
                }
                while skip > 0 { _ = nextNormal(); skip -= 1 }
                while sample < blockEnd {
                    out[channel * width + sample - range.lowerBound] += Float(noiseLevel * nextNormal())
                    sample += 1
                }
            }
        }
    }
}
