import DistSwiftIO
import Foundation

/// Reduces per-chunk arrays that share their axes (write_npy outputs of the same shape: cross-correlations with a
/// lag axis, spectra with a frequency axis) to one array — the ambient-noise stack of hours of per-chunk
/// correlations. Streams: one chunk's array at a time plus the running sums, whatever the number of chunks.
public struct ChunkArrayReduction: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        /// Σ x / N.
        case mean
        /// Σ x (the linear stack, unnormalised).
        case linear
        /// Σ x / N · |Σ a/|a| / N|^power, a the analytic signal of each chunk's rows (Schimmel & Paulssen 1997;
        /// DASCore's phase_weighted_stack across chunks instead of channels).
        case phaseWeighted = "phase_weighted"
    }

    public let method: Method
    public let power: Double

    public init(method: Method, power: Double = 2) {
        self.method = method
        self.power = power
    }

    /// The result and what went into it.
    public struct Result: Sendable {
        public let values: Array2D<Double>
        public let count: Int
        public let plan: StackPlan
        /// The shared column axis: its folder name (`lag`, `frequency`) and values, when the chunks have one.
        public let axis: (name: String, values: [Double])?
    }

    /// The axis folders write_npy writes whose values every chunk must share.
    static let sharedAxes = ["lag", "frequency"]

    public func reduce(_ folder: ChunkOutputFolder, backend: any ComputeBackend = CPUBackend()) throws -> Result {
        guard folder.kind == .npy else {
            throw StackError("\(folder.location.address(of: folder.folder)) holds WITSML logs; --reduce stacks write_npy arrays",
                             fix: "stack the logs without --reduce, or reduce a write_npy folder")
        }
        // Order and gaps from the names alone (write_npy names every array after its chunk).
        let plan = try StackPlan.scan(folder.files) { file in
            ChunkOutput(file: file, address: folder.location.address(of: folder.path(file)),
                        startTimeNs: ChunkOutput.nameTimeNs(file)!, depth: [], depthUnit: "m", curves: [],
                        values: Array2D(rows: 0, columns: 0, values: []))
        }
        var sum: [Double] = [], phasorRe: [Double] = [], phasorIm: [Double] = []
        var shape: (rows: Int, columns: Int)?
        var axis: (name: String, values: [Double])?
        var firstAddress = ""
        for file in plan.files {
            let array = try NPYArrayFile(location: folder.location, path: folder.path(file))
            let x = try array.read(as: Double.self)
            if let shape {
                guard x.rows == shape.rows, x.columns == shape.columns else {
                    throw StackError("\(array.address) is \(x.rows) × \(x.columns) but \(firstAddress) is "
                                     + "\(shape.rows) × \(shape.columns)", fix: "reduce the outputs of one writer only")
                }
            } else {
                shape = (x.rows, x.columns)
                firstAddress = array.address
                sum = [Double](repeating: 0, count: x.values.count)
                if method == .phaseWeighted { phasorRe = sum; phasorIm = sum }
            }
            try checkAxes(folder, file: file, axis: &axis, first: firstAddress)
            for i in sum.indices { sum[i] += x.values[i] }
            if method == .phaseWeighted {
                let analytic = AnalyticSignal.of(x, backend: backend)
                for i in sum.indices {
                    let re = analytic.real[i], im = analytic.imaginary[i]
                    let amplitude = max((re * re + im * im).squareRoot(), Double.ulpOfOne)
                    phasorRe[i] += re / amplitude
                    phasorIm[i] += im / amplitude
                }
            }
        }
        let n = Double(plan.files.count)
        let values: [Double]
        switch method {
        case .linear: values = sum
        case .mean: values = sum.map { $0 / n }
        case .phaseWeighted:
            values = sum.indices.map { i in
                let coherence = (phasorRe[i] * phasorRe[i] + phasorIm[i] * phasorIm[i]).squareRoot() / n
                return sum[i] / n * Foundation.pow(coherence, power)
            }
        }
        return Result(values: Array2D(rows: shape!.rows, columns: shape!.columns, values: values),
                      count: plan.files.count, plan: plan, axis: axis)
    }

    /// A chunk's lag or frequency axis must be the first chunk's (to 1e-9 of its step).
    private func checkAxes(_ folder: ChunkOutputFolder, file: String, axis: inout (name: String, values: [Double])?,
                           first: String) throws {
        for name in Self.sharedAxes {
            let path = folder.path("\(name)/\(file)")
            guard folder.location.exists(path) else { continue }
            let values = try NPYArrayFile(location: folder.location, path: path).readVector(as: Double.self)
            if let axis {
                let tolerance = 1e-9 * max(1, abs((axis.values.last ?? 0) - (axis.values.first ?? 0)))
                guard axis.name == name, axis.values.count == values.count,
                      zip(axis.values, values).allSatisfy({ abs($0 - $1) <= tolerance }) else {
                    throw StackError("\(folder.location.address(of: path)) is not the \(axis.name) axis of \(first)",
                                     fix: "reduce chunks computed with the same parameters (the same lags or frequencies)")
                }
            } else {
                axis = (name, values)
            }
        }
    }

    /// Writes `stack.npy`, the shared axis (`lag.npy` / `frequency.npy`), `measured_depth.npy` when the chunks have
    /// one, and `stack.json` (method, count, first and last chunk, gaps), each atomically.
    public static func write(_ result: Result, method: Method, power: Double, folder: ChunkOutputFolder,
                             to location: any StorageLocation) throws {
        try NPYWriter.write(result.values, to: location, path: "stack.npy")
        if let axis = result.axis { try NPYWriter.write(vector: axis.values, to: location, path: "\(axis.name).npy") }
        if let depth = folder.depth { try NPYWriter.write(vector: depth, to: location, path: "measured_depth.npy") }
        let plan = result.plan
        let json = #"{"method": "\#(method.rawValue)", "#
            + (method == .phaseWeighted ? #""power": \#(power), "# : "")
            + #""chunks": \#(result.count), "first_utc": "\#(UTCTime.iso8601(plan.timesNs.first!))", "#
            + #""last_utc": "\#(UTCTime.iso8601(plan.timesNs.last!))", "step_seconds": \#(plan.stepSecondsJSON), "gaps": \#(plan.gapsJSON)}"# + "\n"
        try location.write("stack.json", bytes: Array(json.utf8))
    }
}
