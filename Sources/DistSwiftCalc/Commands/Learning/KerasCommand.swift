import DistSwiftIO

/// `keras`: evaluates a Keras model saved in HDF5 on every channel (rows are samples, columns features), as
/// `model.predict(in)`. The model is read when the graph is validated, so an unsupported model is a validation
/// error. distpy could also train (`train`), overwriting the model file from concurrent workers (bug #27); training
/// is not offered: train in Keras and save the model.
public struct KerasCommand: Command {
    public static let name = "keras"
    public static let summary = "evaluate a Keras HDF5 model (Dense layers) on each row: model.predict(in)"
    public static let details = """
        Supported: \(KerasModel.supported). Dense layers run as BLAS matrix products (in a float32 graph the first
        one in float32, as Keras computes; float64 otherwise). filename null passes in_uid
        on (as distpy). gather_uids (distpy's training targets) are accepted and not used. Output channels × units of
        the last layer; per chunk along time (the features are the chunk's columns).
        """
    public static let parameters = [
        ParameterSpec("filename", .string, default: .null, "the model's .h5 file (absolute, or relative to the "
            + "working directory); null: pass in_uid on"),
        ParameterSpec("train", .json, default: .null, "not supported (distpy's training options); must be null"),
    ]
    public static let gather = GatherRule.optional
    public static let accepts: Set<SignalKind> = [.timeSeries, .perChannel, .perSample, .spectrum2D]

    let model: KerasModel?

    public init(_ p: ParameterValues) throws {
        if let train = p.values["train"], train != .null {
            throw ParameterProblem("train", "training is not supported",
                                   fix: "train the model in Keras, save it with model.save(\"model.h5\") and remove train")
        }
        guard case .string(let file)? = p.values["filename"] else {
            model = nil
            return
        }
        do {
            model = try KerasModel.load(file)
        } catch let unsupported as KerasModel.Unsupported {
            throw ParameterProblem("filename", unsupported.description)
        } catch {
            throw ParameterProblem("filename", "cannot read '\(file)' as a Keras HDF5 model: \(error)",
                                   fix: "give the path of a file written by model.save(\"model.h5\")")
        }
    }

    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { model == nil ? inputs[0] : .perChannel }
    public func outputAxes(_ inputs: [Axes]) -> Axes {
        guard let model else { return inputs[0] }
        var units = 0
        for case .dense(let d) in model.layers { units = d.units }
        return inputs[0].replacingColumns(.labelled(.statistic, (0..<units).map { "output \($0)" })).unitless
    }

    public var acceptsPackedSignals: Bool { true }  // a float32 chunk goes to the first layer's product as it is
    /// In a float32 graph the model runs as Keras runs it, in float32 (`KerasModel.predictSingle`).
    public var hasFloat32Kernel: Bool { true }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        guard let model else { return inputs[0] }
        func checked<T: Sendable>(_ a: Array2D<T>) throws -> Array2D<T> {
            if let needed = model.inputCount, needed != a.columns {
                throw CommandError(Self.name, "the model takes \(needed) features per row but in_uid has \(a.columns) columns")
            }
            return a
        }
        let (values, columns): ([Double], Int)
        let rows = inputs[0].rows
        if context.singlePrecision, case .singleReal(let a) = inputs[0] {
            let (single, width) = model.predictSingle(try checked(a).values, rows: a.rows, columns: a.columns)
            return .singleReal(Array2D(rows: rows, columns: width, values: single))
        }
        if case .singleReal(let a) = inputs[0] {
            (values, columns) = model.predict(try checked(a).values, rows: a.rows, columns: a.columns)
        } else {
            let a = try checked(try inputs[0].canonical().realValues(for: Self.name))
            (values, columns) = model.predict(a.values, rows: a.rows, columns: a.columns)
        }
        return .real(Array2D(rows: rows, columns: columns, values: values))
    }
}
