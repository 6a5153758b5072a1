import DistSwiftIO
import DistSwiftNative

/// Windowed statistics along each row of a channels × samples array, for the window [t + lower, t + upper] of every
/// sample t, in O(n) whatever the window length (the kernels are DistSwiftNative's `SlidingWindowKernels`). Windows
/// are clipped to the row: at the ends of a record they hold only the samples that exist — for maxima and minima
/// the same as scipy's mode 'nearest', which repeats the edge sample.
extension Array2D where Element == Double {
    /// Mean of each clipped window (0 where it is empty).
    func windowMeans(lower: Int, upper: Int) -> Array2D<Double> {
        Array2D(rows: rows, columns: columns,
                values: SlidingWindowKernels.means(values, rows: rows, columns: columns, lower: lower, upper: upper))
    }

    /// Maximum (`largest`) or minimum of each clipped window (which always holds t when lower ≤ 0 ≤ upper).
    func windowExtrema(lower: Int, upper: Int, largest: Bool) -> Array2D<Double> {
        Array2D(rows: rows, columns: columns,
                values: SlidingWindowKernels.extrema(values, rows: rows, columns: columns, lower: lower, upper: upper,
                                                     largest: largest))
    }
}

extension Signal {
    /// Real values as the 1-D sliding-window kernels read them: a float32 chunk as it arrived (the kernels widen
    /// one row at a time, no float64 copy of the chunk), float64 values as they are. For commands that declare
    /// `acceptsPackedSignals`; anything but real values is the error of `realValues`.
    func windowRows(for command: String) throws -> (values: SlidingWindowKernels.Rows, rows: Int, columns: Int) {
        if case .singleReal(let a) = self { return (.single(a.values), a.rows, a.columns) }
        let a = try canonical().realValues(for: command)
        return (.double(a.values), a.rows, a.columns)
    }
}
