import DistSwiftIO

/// What flows along a graph edge while a chunk runs: the values (in whatever precision and layout the fast paths
/// chose, `Signal`) and what they mean (`Axes`), kept apart so commands that do not care about layout never see it.
public struct DataArray: Sendable {
    public var values: Signal
    public var axes: Axes

    public init(_ values: Signal, axes: Axes) {
        self.values = values
        self.axes = axes
    }

    /// Only the columns whose base time index lies in `samples` (a halo trimmed back to its chunk); itself when
    /// the columns are not time or nothing lies outside.
    ///
    /// A third time axis (window times of a short-time transform) is trimmed to the windows in `windowsOwned`: the
    /// windows whose time lies in the chunk, plus, at the ends of a segment, those a monolithic record has beyond
    /// its first or last sample (DASCore's stft pads; `ChunkFrame.windowsOwned`).
    public func trimmingTime(to samples: Range<Int>, rateHz: Double? = nil, windowsOwned: Range<Int>? = nil) -> DataArray {
        if let third = axes.third {
            guard third.dimension == .time else { return self }
            let owned = windowsOwned ?? samples
            let keep = rateHz.map { third.elements(withSamplesIn: owned, rateHz: $0) }
                ?? third.elements(withBaseIndicesIn: owned)
            guard keep != 0..<third.count else { return self }
            var axes = self.axes
            axes.third = third.slice(keep)
            return DataArray(values.innerColumns(keep, inner: third.count), axes: axes)
        }
        guard axes.columns.dimension == .time else { return self }
        let columns = self.axes.columns
        let keep = rateHz.map { columns.elements(withSamplesIn: samples, rateHz: $0) }
            ?? columns.elements(withBaseIndicesIn: samples)
        guard keep != 0..<axes.columns.count else { return self }
        var axes = self.axes
        axes.columns = axes.columns.slice(keep)
        return DataArray(values.columns(keep), axes: axes)
    }

    /// Only the rows whose channel index lies in `channels` (a channel halo trimmed back to its block).
    public func trimmingChannels(to channels: Range<Int>) -> DataArray {
        guard axes.rows.dimension == .distance else { return self }
        let keep = axes.rows.elements(withBaseIndicesIn: channels)
        guard keep != 0..<axes.rows.count else { return self }
        var axes = self.axes
        axes.rows = axes.rows.slice(keep)
        return DataArray(values.rows(keep), axes: axes)
    }
}

extension Signal {
    /// Elements `range` of the innermost axis of a 3-D array held as rows × (outer · inner) (`Axes.third`).
    public func innerColumns(_ range: Range<Int>, inner: Int) -> Signal {
        func cut<T>(_ values: [T], rows: Int, columns: Int) -> [T] {
            var out: [T] = []
            out.reserveCapacity(rows * (columns / max(inner, 1)) * range.count)
            for start in stride(from: 0, to: rows * columns, by: max(inner, 1)) {
                out.append(contentsOf: values[(start + range.lowerBound)..<(start + range.upperBound)])
            }
            return out
        }
        let kept = columns / max(inner, 1) * range.count
        switch canonical() {
        case .real(let a):
            return .real(Array2D(rows: a.rows, columns: kept, values: cut(a.values, rows: a.rows, columns: a.columns)))
        case let other:
            let c = other.fullComplex()
            return .complex(ComplexArray2D(rows: c.rows, columns: kept,
                                           real: cut(c.real, rows: c.rows, columns: c.columns),
                                           imaginary: cut(c.imaginary, rows: c.rows, columns: c.columns)))
        }
    }

    /// Columns `range` of a real or complex array (time samples; spectra are never cut).
    public func columns(_ range: Range<Int>) -> Signal {
        func cut<T>(_ values: [T], rows: Int, columns: Int) -> [T] {
            var out: [T] = []
            out.reserveCapacity(rows * range.count)
            for r in 0..<rows { out.append(contentsOf: values[(r * columns + range.lowerBound)..<(r * columns + range.upperBound)]) }
            return out
        }
        switch self {
        case .real(let a):
            return .real(Array2D(rows: a.rows, columns: range.count, values: cut(a.values, rows: a.rows, columns: a.columns)))
        case .singleReal(let a):
            return .singleReal(Array2D(rows: a.rows, columns: range.count,
                                       values: cut(a.values, rows: a.rows, columns: a.columns)))
        case .complex(let c):
            return .complex(ComplexArray2D(rows: c.rows, columns: range.count,
                                           real: cut(c.real, rows: c.rows, columns: c.columns),
                                           imaginary: cut(c.imaginary, rows: c.rows, columns: c.columns)))
        case .singleComplex(let c):
            // (re, im) pairs: 2 values a column.
            var pairs: [Float] = []
            pairs.reserveCapacity(2 * c.rows * range.count)
            for r in 0..<c.rows {
                pairs.append(contentsOf: c.pairs[(2 * (r * c.columns + range.lowerBound))..<(2 * (r * c.columns + range.upperBound))])
            }
            return .singleComplex(InterleavedComplexArray2D(rows: c.rows, columns: range.count, pairs: pairs))
        case .halfSpectrum, .interleavedHalfSpectrum, .singleHalfSpectrum:
            return .complex(fullComplex()).columns(range)
        }
    }
}
