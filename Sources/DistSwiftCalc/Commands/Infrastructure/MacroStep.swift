import DistSwiftIO
import Foundation

/// One step of a `macro` (distpy's `extra_numpy.macro_factory`), with its parameters.
struct MacroStep: Sendable, Equatable {
    enum Operation: String, Sendable, CaseIterable {
        case abs, normalize, gaussian_filter, gradient, threshold, median_filter, percentage_on, sum
    }

    let operation: Operation
    let axis: Int
    let distance: Int
    let sigma: Double
    let threshold: Double

    /// What a value is between steps: numpy's 2-D array, a 1-D array along channels or along time, or a scalar.
    enum Shape: Sendable, Equatable {
        case both, channels, time, scalar
    }

    /// The shape after this step.
    func shape(after shape: Shape) -> Shape {
        guard operation == .sum || operation == .percentage_on else { return shape }
        switch shape {
        case .both: return axis == 0 ? .time : .channels
        case .channels, .time, .scalar: return .scalar
        }
    }

    /// A step from JSON: a name, or an object with "name" and any of axis, distance, sigma, threshold.
    init(_ json: JSONValue, at index: Int) throws {
        var fields: [String: JSONValue] = [:]
        switch json {
        case .string(let name): fields["name"] = .string(name)
        case .object(let object): fields = object
        default:
            throw ParameterProblem("command_list", "[\(index)] must be a name or an object with \"name\"",
                                   fix: "e.g. \"abs\" or {\"name\": \"sum\", \"axis\": 1}")
        }
        let names = Operation.allCases.map(\.rawValue)
        guard case .string(let name)? = fields["name"], let operation = Operation(rawValue: name) else {
            throw ParameterProblem("command_list", "[\(index)] is not one of the macro operations",
                                   fix: "use one of " + names.joined(separator: ", "))
        }
        for key in fields.keys where !["name", "axis", "distance", "sigma", "threshold"].contains(key) {
            throw ParameterProblem("command_list", "[\(index)].\(key) is not a parameter of a macro step",
                                   fix: "a step takes name, axis, distance, sigma, threshold")
        }
        func number(_ key: String, _ fallback: Double) throws -> Double {
            guard let value = fields[key] else { return fallback }
            guard case .number(let d) = value else {
                throw ParameterProblem("command_list", "[\(index)].\(key) must be a number", fix: "e.g. \(fallback)")
            }
            return d
        }
        self.operation = operation
        let axis = try number("axis", 0)
        guard [0, 1, -1].contains(axis) else {
            throw ParameterProblem("command_list", "[\(index)].axis is \(axis) but must be 0 or 1")
        }
        self.axis = axis == 0 ? 0 : 1
        let distance = try number("distance", 5)
        guard distance >= 1, distance == distance.rounded() else {
            throw ParameterProblem("command_list", "[\(index)].distance is \(distance) but must be a whole number ≥ 1")
        }
        self.distance = Int(distance)
        sigma = try number("sigma", 2)
        guard sigma >= 0 else { throw ParameterProblem("command_list", "[\(index)].sigma must be 0 or more") }
        threshold = try number("threshold", 0)
    }

    /// This step on `x` of `shape` (1-D values are a column along channels or a row along time).
    func apply(_ x: Array2D<Double>, shape: Shape) -> Array2D<Double> {
        // The axis of the data this step works along: numpy's axis of a 2-D array, or the only one of a 1-D array.
        let along = shape == .both ? axis : (shape == .channels ? 0 : 1)
        switch operation {
        case .abs: return Array2D(rows: x.rows, columns: x.columns, values: x.values.map { Swift.abs($0) })
        case .threshold:
            return Array2D(rows: x.rows, columns: x.columns, values: x.values.map { $0 > threshold ? 1 : 0 })
        case .normalize:
            return x.mappingLines(axis: along) { line in
                let norm = line.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return line.map { $0 / (norm == 0 ? 1 : norm) }
            }
        case .gradient:
            guard (along == 0 ? x.rows : x.columns) >= 2 else { return x }
            let spacing = (0..<(along == 0 ? x.rows : x.columns)).map { Double($0 * distance) }
            return x.mappingLines(axis: along) { GradientCommand.gradient($0, spacing, edgeOrder: 1) }
        case .gaussian_filter:
            guard sigma > 1e-15 else { return x }
            let weights = GaussianCommand.kernel(sigma: sigma, order: 0)
            var y = ImageCorrelation(kernel: Array2D(rows: 1, columns: weights.count, values: weights), mode: .reflect).apply(x)
            y = ImageCorrelation(kernel: Array2D(rows: weights.count, columns: 1, values: weights), mode: .reflect).apply(y)
            return y
        case .median_filter:
            return MedianFilterCommand.median(x, size: distance)
        case .sum, .percentage_on:
            let scale = operation == .sum ? 1.0 : 100.0
            if shape != .both {
                let total = x.values.reduce(0, +)
                return Array2D(rows: 1, columns: 1, values: [scale * total / (operation == .sum ? 1 : Double(x.values.count))])
            }
            return x.mappingLines(axis: along) { line in
                [scale * line.reduce(0, +) / (operation == .sum ? 1 : Double(line.count))]
            }
        }
    }
}
