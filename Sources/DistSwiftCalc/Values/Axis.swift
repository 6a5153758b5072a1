/// One dimension of the data on a graph edge: what it is, its units, and where each element sits — without
/// materialising an evenly sampled axis (DASCore's `CoordRange` idea).
///
/// Elements are indices on a *grid*: element k is grid index `first + k`, and grid index g is index `g · stride` of
/// the *base* sampling (the store's samples or channels). Keeping integers lets the engine do exact arithmetic that
/// floating-point times cannot: `downsample` keeps the grid indices that are multiples of its step, so every chunk
/// keeps the global sample phase, and trimming a halo back to its chunk compares base indices, not rounded seconds.
public struct Axis: Sendable, Equatable, CustomStringConvertible {
    public enum Dimension: String, Sendable, Equatable {
        /// Channels along the fibre.
        case distance
        /// Samples in time.
        case time
        /// DFT bins along time (numpy `fftfreq` order).
        case frequency
        /// DFT bins along the fibre (numpy `fftfreq` order).
        case wavenumber
        /// Frequency bands (band energies).
        case band
        /// Values that describe the whole chunk along this dimension (a mean, a sum, one value per chunk).
        case statistic
        /// Channels combined into one row (a sum or mean over channels).
        case aggregate
        /// Time lags of a correlation (seconds, zero in the middle), not UTC times.
        case lag
        /// Slownesses (s/m) of a τ-p transform.
        case slowness
        /// Phase velocities (m/s) of a dispersion image.
        case velocity
    }

    /// Where base index b sits.
    public enum Grid: Sendable, Equatable {
        /// UTC nanoseconds: `originNs + b · 10⁹ / rateHz`; b counts samples from the start of the contiguous
        /// recording segment that begins at `originNs`.
        case time(originNs: Int64, rateHz: Double)
        /// `values[b]` (channel positions in metres, frequencies in fftfreq order).
        case listed([Double])
        /// Named elements (bands, statistics): no coordinate values.
        case labels([String])
    }

    public var dimension: Dimension
    public var units: String
    public var grid: Grid
    /// Grid index of element 0.
    public var first: Int
    public var count: Int
    /// Base indices per grid step (1 until a command such as `downsample` keeps every n-th element).
    public var stride: Int

    public init(_ dimension: Dimension, units: String, grid: Grid, first: Int = 0, count: Int, stride: Int = 1) {
        self.dimension = dimension
        self.units = units
        self.grid = grid
        self.first = first
        self.count = count
        self.stride = stride
    }

    /// A time axis of `count` samples at `rateHz` starting `firstSample` samples after the segment start `originNs`.
    public static func time(originNs: Int64, rateHz: Double, firstSample: Int, count: Int) -> Axis {
        Axis(.time, units: "s", grid: .time(originNs: originNs, rateHz: rateHz), first: firstSample, count: count)
    }

    /// Channels at `positions` (metres), elements `range` of them.
    public static func distance(positions: [Double], range: Range<Int>? = nil) -> Axis {
        let range = range ?? 0..<positions.count
        return Axis(.distance, units: "m", grid: .listed(positions), first: range.lowerBound, count: range.count)
    }

    /// Named elements (band labels, statistics) of a dimension without coordinates.
    public static func labelled(_ dimension: Dimension, _ labels: [String], units: String = "") -> Axis {
        Axis(dimension, units: units, grid: .labels(labels), count: labels.count)
    }

    /// numpy's `fftfreq(count, 1/rate)`: bins 0 … n/2 − 1 positive, the rest negative.
    public static func dft(_ dimension: Dimension, count: Int, sampleRate: Double, units: String) -> Axis {
        let values = (0..<count).map { k -> Double in
            let signed = k < (count + 1) / 2 ? k : k - count
            return Double(signed) * sampleRate / Double(count)
        }
        return Axis(dimension, units: units, grid: .listed(values), count: count)
    }

    /// Base index of element k.
    public func baseIndex(_ k: Int) -> Int { (first + k) * stride }

    /// Elements per second (time axes) or nil.
    public var rateHz: Double? {
        if case .time(_, let rate) = grid { return rate / Double(stride) }
        return nil
    }

    /// Seconds between elements of a time axis, metres between channels of an evenly spaced distance axis.
    public var step: Double? {
        switch grid {
        case .time(_, let rate): return Double(stride) / rate
        case .listed(let values):
            guard count >= 2 else { return nil }
            return values[baseIndex(1)] - values[baseIndex(0)]
        case .labels: return nil
        }
    }

    /// UTC ns of every element of a time axis (nil for other axes).
    public var timesNs: [Int64]? {
        guard case .time(let origin, let rate) = grid else { return nil }
        return (0..<count).map { origin + Int64((Double(baseIndex($0)) * 1e9 / rate).rounded()) }
    }

    /// Coordinate values (seconds since the segment start for time, metres, Hz); nil for labelled axes.
    public var values: [Double]? {
        switch grid {
        case .time(_, let rate): return (0..<count).map { Double(baseIndex($0)) / rate }
        case .listed(let values): return (0..<count).map { values[baseIndex($0)] }
        case .labels: return nil
        }
    }

    /// Elements `range` of this axis.
    public func slice(_ range: Range<Int>) -> Axis {
        var axis = self
        axis.first = first + range.lowerBound
        axis.count = range.count
        return axis
    }

    /// Keeps the elements whose grid index is a multiple of `step` (the global phase), as `downsample` does: the
    /// new grid step is `step` old steps. Returns the axis and the range of kept elements' first position.
    public func decimated(by step: Int) -> (axis: Axis, offset: Int) {
        guard step > 1 else { return (self, 0) }
        // The first kept element: the smallest k ≥ 0 with (first + k) ≡ 0 (mod step).
        let remainder = ((first % step) + step) % step
        let offset = remainder == 0 ? 0 : step - remainder
        let kept = count > offset ? (count - offset + step - 1) / step : 0
        var axis = self
        axis.first = (first + offset) / step
        axis.count = kept
        axis.stride = stride * step
        return (axis, offset)
    }

    /// The elements whose base index lies in `base` (a chunk's samples or a block's channels): the range to keep.
    public func elements(withBaseIndicesIn base: Range<Int>) -> Range<Int> {
        // Base index of element k is (first + k)·stride: the smallest k with it ≥ lower, and past the last < upper.
        func firstAtOrAbove(_ b: Int) -> Int {
            let grid = b >= 0 ? (b + stride - 1) / stride : -((-b) / stride)
            return min(max(grid - first, 0), count)
        }
        let lower = firstAtOrAbove(base.lowerBound), upper = firstAtOrAbove(base.upperBound)
        return lower..<max(lower, upper)
    }

    /// The elements of a time axis that fall in the segment samples `samples` of a recording at `rateHz` (a
    /// chunk's own samples). On the recording's grid these are base indices; on a grid of another rate (after a
    /// polyphase `resample`, whose grid starts at the same segment origin) the elements whose time lies in
    /// [samples.lowerBound, samples.upperBound) / rateHz.
    public func elements(withSamplesIn samples: Range<Int>, rateHz: Double) -> Range<Int> {
        guard case .time(_, let gridRate) = grid, gridRate != rateHz else {
            return elements(withBaseIndicesIn: samples)
        }
        // The first base index at or after a sample's time; the tolerance absorbs the rounding of a rational ratio.
        func base(_ sample: Int) -> Int { Int((Double(sample) * gridRate / rateHz - 1e-9).rounded(.up)) }
        return elements(withBaseIndicesIn: base(samples.lowerBound)..<base(samples.upperBound))
    }

    public var description: String {
        guard count > 0 else { return "\(dimension.rawValue)[?]" }  // validated without the store's size
        switch grid {
        case .time(_, let rate):
            return "time[\(count)] at \(Self.number(rate / Double(stride))) Hz"
        case .listed:
            if let step { return "\(dimension.rawValue)[\(count)] step \(Self.number(step)) \(units)" }
            return "\(dimension.rawValue)[\(count)] \(units)"
        case .labels(let labels):
            return "\(dimension.rawValue)[\(count)]" + (labels.count <= 4 ? " " + labels.joined(separator: ", ") : "")
        }
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.6g", x)
    }
}

import Foundation
