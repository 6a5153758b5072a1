import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// `kmeans` against scikit-learn and `keras` against a model file written with h5py in Keras's layout and evaluated
/// in numpy (Tests/reference/learning_reference.py).
@Suite("Learning commands (kmeans, keras)",
       .enabled(if: PythonReference.hasH5py && (try? PythonReference.run("import sklearn"))?.status == 0,
                "needs python3 with h5py and scikit-learn (scripts/setup.sh installs them)"))
struct LearningCommandsTests {
    static let script = (try? String(contentsOfFile: TestPaths.packageRoot + "/Tests/reference/learning_reference.py",
                                     encoding: .utf8)) ?? ""

    /// 40 channels in 4 well separated groups (levels 0, 10, 20, 30 plus small LCG noise), 30 samples each.
    static func clustered(channels: Int = 40, samples: Int = 30) -> Array2D<Double> {
        var state: UInt64 = 5
        var values: [Double] = []
        for c in 0..<channels {
            let level = Double((c * 7) % 4) * 10
            for _ in 0..<samples {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                values.append(level + Double(state >> 11) / Double(1 << 53) - 0.5)
            }
        }
        return Array2D(rows: channels, columns: samples, values: values)
    }

    func harness(_ folder: TemporaryFolder, channels: Int) throws -> GraphHarness {
        GraphHarness(rate: 100, positions: (0..<channels).map(Double.init), results: try LocalStorage(root: folder.path))
    }

    @Test("kmeans labels of channels are scikit-learn's partition; the same seed gives the same labels")
    func kmeansChannels() throws {
        let folder = try TemporaryFolder()
        let data = Self.clustered()
        let graph = #"{"command_list": [{"name": "kmeans", "uid": 1, "in_uid": 0, "n_clusters": 4, "seed": 3}]}"#
        guard case .real(let labels) = try harness(folder, channels: 40).run(graph, input: data),
              case .real(let again) = try harness(folder, channels: 40).run(graph, input: data) else {
            Issue.record("labels are not real")
            return
        }
        #expect(labels.rows == 40 && labels.columns == 1)
        #expect(labels.values == again.values, "seeded: reproducible")
        let out = LocalStorage(root: folder.path)
        try NPYWriter.write(data, to: out, path: "features.npy")
        try NPYWriter.write(labels, to: out, path: "labels.npy")
        let verdict = try PythonReference.check(Self.script, arguments: ["kmeans", folder.path, "4"])
        #expect(verdict.trimmingCharacters(in: .whitespacesAndNewlines) == "agree", "\(verdict)")
        // A float32 graph (distances in float32, as scikit-learn on float32 data): the same partition, float32 labels.
        let single = graph.replacingOccurrences(of: #"{"command_list""#, with: #"{"precision": "float32", "command_list""#)
        let narrowed = Array2D(rows: data.rows, columns: data.columns, values: data.values.map { Double(Float($0)) })
        guard case .singleReal(let labels32) = try harness(folder, channels: 40).run(single, input: narrowed,
                                                                                     precision: .float32) else {
            Issue.record("a float32 graph's labels are not float32")
            return
        }
        #expect(labels32.values.map(Double.init) == labels.values, "same seed, same partition in float32")
    }

    @Test("kmeans with gather_uids clusters pixels on the stacked inputs' values, as scikit-learn")
    func kmeansPixels() throws {
        let folder = try TemporaryFolder()
        let data = Self.clustered(channels: 6, samples: 20)
        let graph = #"{"command_list": [{"name": "lin_transform", "uid": 1, "in_uid": 0, "m": -1, "c": 3}, {"name": "kmeans", "uid": 2, "in_uid": 0, "gather_uids": [1], "n_clusters": 4}]}"#
        guard case .real(let labels) = try harness(folder, channels: 6).run(graph, input: data) else {
            Issue.record("labels are not real")
            return
        }
        #expect(labels.rows == 6 && labels.columns == 20)
        // Features per pixel: [g0, in] = [3 − x, x].
        let features = Array2D(rows: data.values.count, columns: 2, values: data.values.flatMap { [3 - $0, $0] })
        let out = LocalStorage(root: folder.path)
        try NPYWriter.write(features, to: out, path: "features.npy")
        try NPYWriter.write(labels, to: out, path: "labels.npy")
        let verdict = try PythonReference.check(Self.script, arguments: ["kmeans", folder.path, "4"])
        #expect(verdict.trimmingCharacters(in: .whitespacesAndNewlines) == "agree", "\(verdict)")
    }

    @Test("keras evaluates a Dense relu → softmax model saved in Keras's HDF5 layout as numpy does (1e-9; float32 graph 1e-5)")
    func kerasDense() throws {
        let folder = try TemporaryFolder()
        _ = try PythonReference.check(Self.script, arguments: ["keras-write", folder.path])
        let data = Array2D(rows: 9, columns: 6, values: (0..<54).map { sin(Double($0) * 0.7) * 2 })
        let graph = #"{"command_list": [{"name": "keras", "uid": 1, "in_uid": 0, "filename": "\#(folder.file("model.h5"))"}]}"#
        guard case .real(let output) = try harness(folder, channels: 9).run(graph, input: data) else {
            Issue.record("output is not real")
            return
        }
        let out = LocalStorage(root: folder.path)
        try NPYWriter.write(data, to: out, path: "input.npy")
        try NPYWriter.write(output, to: out, path: "output.npy")
        let error = try PythonReference.check(Self.script, arguments: ["keras-check", folder.path])
        // 1e-9, not bits: the first layer's product is a fused multiply-add chain per output (DenseProduct), numpy's
        // a BLAS gemm — the same sum in another order, equal within rounding (~1e-16 of it for 6 terms).
        #expect((Double(error.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1) <= 1e-9, "\(error)")
        // A float32 graph computes as Keras does, in float32: the reference on the same float32 inputs, to 1e-5 of
        // the largest output (float32 keeps ~7 digits; the first product sums 6 terms).
        let narrowed = Array2D(rows: 9, columns: 6, values: data.values.map { Double(Float($0)) })
        let single = graph.replacingOccurrences(of: #"{"command_list""#, with: #"{"precision": "float32", "command_list""#)
        guard case .singleReal(let output32) = try harness(folder, channels: 9).run(single, input: narrowed,
                                                                                    precision: .float32) else {
            Issue.record("a float32 graph's keras output is not float32")
            return
        }
        try NPYWriter.write(narrowed, to: out, path: "input.npy")
        try NPYWriter.write(Array2D(rows: output32.rows, columns: output32.columns,
                                    values: output32.values.map { Double($0) }), to: out, path: "output.npy")
        let error32 = try PythonReference.check(Self.script, arguments: ["keras-check", folder.path])
        #expect((Double(error32.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 1) <= 1e-5, "\(error32)")
    }

    @Test("keras refuses other layers and training at validation, saying what is supported")
    func kerasUnsupported() throws {
        let folder = try TemporaryFolder()
        _ = try PythonReference.check(Self.script, arguments: ["keras-write", folder.path])
        let h = try harness(folder, channels: 4)
        for (graph, words) in [
            (#"{"command_list": [{"name": "keras", "uid": 1, "in_uid": 0, "filename": "\#(folder.file("conv.h5"))"}]}"#,
             ["command_list[0].filename", "Conv1D", "Dense"]),
            (#"{"command_list": [{"name": "keras", "uid": 1, "in_uid": 0, "filename": "\#(folder.file("model.h5"))", "train": {"epochs": 150, "batch_size": 10}}]}"#,
             ["command_list[0].train", "not supported", "model.save"]),
        ] {
            do {
                _ = try h.plan(graph)
                Issue.record("accepted: \(graph)")
            } catch {
                let text = "\(error)"
                for word in words { #expect(text.contains(word), "\(text)") }
            }
        }
    }
}
