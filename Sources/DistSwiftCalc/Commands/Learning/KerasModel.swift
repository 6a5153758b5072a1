import DistSwiftNative
import Foundation

/// A Keras model saved in HDF5 (`model.save("m.h5")`) that distswift can evaluate: a chain of Dense layers (plus the
/// InputLayer, Dropout and Activation layers that do nothing or only an activation at inference). The layout read:
/// the root attribute `model_config` (the model's JSON), and per layer `/model_weights/{layer}` with the attribute
/// `weight_names` naming the kernel (inputs × units) and bias data sets.
struct KerasModel: Sendable {
    struct Dense: Sendable {
        let kernel: [Double]
        let inputs: Int
        let units: Int
        let bias: [Double]?
        let activation: Activation
    }

    enum Activation: String, Sendable, CaseIterable {
        case linear, relu, sigmoid, tanh, softmax, softplus, softsign, elu, selu, exponential

        func apply(_ row: inout ArraySlice<Double>) {
            switch self {
            case .linear: break
            case .relu: for i in row.indices { row[i] = max(0, row[i]) }
            case .sigmoid: for i in row.indices { row[i] = 1 / (1 + Foundation.exp(-row[i])) }
            case .tanh: for i in row.indices { row[i] = Foundation.tanh(row[i]) }
            case .softplus: for i in row.indices { row[i] = Foundation.log1p(Foundation.exp(row[i])) }
            case .softsign: for i in row.indices { row[i] = row[i] / (1 + abs(row[i])) }
            case .elu: for i in row.indices where row[i] < 0 { row[i] = Foundation.expm1(row[i]) }
            case .selu:
                let alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946
                for i in row.indices { row[i] = scale * (row[i] > 0 ? row[i] : alpha * Foundation.expm1(row[i])) }
            case .exponential: for i in row.indices { row[i] = Foundation.exp(row[i]) }
            case .softmax:
                let top = row.max() ?? 0
                for i in row.indices { row[i] = Foundation.exp(row[i] - top) }
                let total = row.reduce(0, +)
                for i in row.indices { row[i] /= total }
            }
        }
    }

    /// One step of the chain: a Dense layer or a lone activation.
    enum Layer: Sendable {
        case dense(Dense)
        case activation(Activation)
    }

    let layers: [Layer]
    /// The first Dense layer's kernel in float32, as Keras stores and multiplies it (`predictSingle`), converted
    /// once when the model is read.
    let firstKernel: [Float]

    init(layers: [Layer]) {
        self.layers = layers
        if case .dense(let d)? = layers.first { firstKernel = d.kernel.map { Float($0) } } else { firstKernel = [] }
    }

    static let supported = "Sequential models of Dense layers (InputLayer, Dropout and Activation allowed), "
        + "activations " + Activation.allCases.map(\.rawValue).joined(separator: ", ")

    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// Loads `path`; throws `Unsupported` naming what is not supported.
    static func load(_ path: String) throws -> KerasModel {
        let file = try HDF5File.open(path)
        let root = try file.attributes(of: "/")
        guard root.contains("model_config"), let text = try root.strings("model_config").first,
              let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Unsupported(description: "\(path) has no model_config attribute: save the whole model with "
                + "model.save(\"model.h5\") (not save_weights)")
        }
        let config = json["config"]
        let layerList = (config as? [String: Any])?["layers"] as? [[String: Any]] ?? config as? [[String: Any]] ?? []
        guard ["Sequential", "Model", "Functional"].contains(json["class_name"] as? String ?? ""), !layerList.isEmpty else {
            throw Unsupported(description: "\(path) holds a \(json["class_name"] ?? "model") without layers; supported: "
                + supported)
        }
        var layers: [Layer] = []
        for layer in layerList {
            let kind = layer["class_name"] as? String ?? "?"
            let settings = layer["config"] as? [String: Any] ?? [:]
            let name = settings["name"] as? String ?? kind
            func activation() throws -> Activation {
                let text = settings["activation"] as? String ?? "linear"
                guard let a = Activation(rawValue: text) else {
                    throw Unsupported(description: "layer '\(name)' uses activation '\(text)'; supported: " + supported)
                }
                return a
            }
            switch kind {
            case "InputLayer", "Dropout": continue
            case "Activation": layers.append(.activation(try activation()))
            case "Dense":
                let group = "/model_weights/\(name)"
                let names = try file.attributes(of: group).strings("weight_names")
                guard let kernelName = names.first(where: { $0.contains("kernel") }) else {
                    throw Unsupported(description: "layer '\(name)' has no kernel in \(group)")
                }
                let kernel = try file.dataset(group + "/" + kernelName)
                let shape = try kernel.shape()
                guard shape.count == 2 else { throw Unsupported(description: "layer '\(name)': kernel shape \(shape)") }
                let bias = try names.first(where: { $0.contains("bias") }).map {
                    try file.dataset(group + "/" + $0).read(as: Double.self)
                }
                layers.append(.dense(Dense(kernel: try kernel.read(as: Double.self), inputs: shape[0], units: shape[1],
                                           bias: bias, activation: try activation())))
            default:
                throw Unsupported(description: "layer '\(name)' is a \(kind); supported: " + supported)
            }
        }
        return KerasModel(layers: layers)
    }

    /// Features each sample needs (the first Dense layer's inputs).
    var inputCount: Int? {
        for case .dense(let d) in layers { return d.inputs }
        return nil
    }

    /// The model's outputs for `rows` samples of `columns` features (row-major), as `model.predict`.
    func predict(_ values: [Double], rows: Int, columns: Int) -> (values: [Double], columns: Int) {
        guard case .dense(let d)? = layers.first else { return evaluate(layers[...], values, rows: rows, columns: columns) }
        let x = finished(d, DenseProduct.product(values, d.kernel, rows: rows, k: d.inputs, units: d.units), rows: rows)
        return evaluate(layers.dropFirst(), x, rows: rows, columns: d.units)
    }

    /// `predict` of a float32 chunk: a first Dense layer reads it directly (`DenseProduct` widening each value as it
    /// reads it: a float64 product without a float64 copy of the chunk); otherwise it is widened first.
    func predict(_ values: [Float], rows: Int, columns: Int) -> (values: [Double], columns: Int) {
        guard case .dense(let d)? = layers.first else {
            return predict(ElementwiseKernels.widened(values), rows: rows, columns: columns)
        }
        let x = finished(d, DenseProduct.product(values, d.kernel, rows: rows, k: d.inputs, units: d.units), rows: rows)
        return evaluate(layers.dropFirst(), x, rows: rows, columns: d.units)
    }

    /// `predict` in float32, as Keras computes (a float32 graph): the first Dense layer's product — nearly all the
    /// work, chunk × kernel — in single precision (`DenseProduct`: half the bytes and twice the lanes), the small
    /// layers after it in float64, the outputs rounded to float32.
    func predictSingle(_ values: [Float], rows: Int, columns: Int) -> (values: [Float], columns: Int) {
        guard case .dense(let d)? = layers.first else {
            let (x, width) = predict(values, rows: rows, columns: columns)
            return (x.map { Float($0) }, width)
        }
        let product = ElementwiseKernels.widened(DenseProduct.product(values, firstKernel, rows: rows, k: d.inputs,
                                                                      units: d.units))
        let (x, width) = evaluate(layers.dropFirst(), finished(d, product, rows: rows), rows: rows, columns: d.units)
        return (x.map { Float($0) }, width)
    }

    private func evaluate(_ layers: ArraySlice<Layer>, _ values: [Double], rows: Int,
                          columns: Int) -> (values: [Double], columns: Int) {
        var x = values, width = columns
        for layer in layers {
            switch layer {
            case .dense(let d):
                x = finished(d, BLAS.multiply(x, d.kernel, m: rows, k: d.inputs, n: d.units), rows: rows)
                width = d.units
            case .activation(let a):
                for r in 0..<rows { a.apply(&x[(r * width)..<((r + 1) * width)]) }
            }
        }
        return (x, width)
    }

    /// A Dense layer's bias and activation applied to its product x·kernel (rows × units).
    private func finished(_ d: Dense, _ product: [Double], rows: Int) -> [Double] {
        var x = product
        let width = d.units
        for r in 0..<rows {
            if let bias = d.bias { for j in 0..<width { x[r * width + j] += bias[j] } }
            d.activation.apply(&x[(r * width)..<((r + 1) * width)])
        }
        return x
    }
}
