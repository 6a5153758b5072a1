@testable import DistSwiftControllers
import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// A watch's products rolled by period (`LiveRolledStack`) on hand-made WITSML noise logs: which periods an update
/// rebuilds, and that a growing period's earlier outputs are read back from its own stack rather than parsed again
/// (shown with an output whose content changes while its size and change stamp do not).
@Suite("Products rolled by period")
struct LiveRolledStackTests {
    static let t0: Int64 = 1_700_000_000  // a multiple of 5: periods of 5 s start at t0 and t0 + 5
    static let curves = WITSMLCurve.genericCurves(low: [10], high: [-1], prf: "1000")

    /// `{t}.fbe` with every value `digit` (one character, so any digit gives a file of the same size), its
    /// modification time set to a fixed whole second so a rewrite in place keeps its change stamp.
    static func writeOutput(_ folder: TemporaryFolder, _ t: Int64, digit: Int) throws {
        let document = WITSMLFBEDocument(
            creationDate: WITSMLFBEDocument.creationDate(unixSeconds: t), dataStyle: "NoiseLog", depth: [0, 1.5, 3],
            curves: curves, values: [Double](repeating: Double(digit), count: 3 * curves.count))
        let path = folder.file("NoiseLog/\(t).fbe")
        if FileManager.default.fileExists(atPath: path) {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))  // in place: same inode
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(document.text().utf8))
            try handle.close()
        } else {
            try FileManager.default.createDirectory(atPath: folder.file("NoiseLog"), withIntermediateDirectories: true)
            try Data(document.text().utf8).write(to: URL(fileURLWithPath: path))
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_600_000_000)],
                                              ofItemAtPath: path)
    }

    /// Column `column` (an output) of the first curve's stacked array of the period starting at `start`.
    static func stacked(_ storage: LocalStorage, period start: Int64, firstOutput: Int64, column: Int) throws -> [Double] {
        let label = LiveProductPeriod(seconds: 5).label(of: start * 1_000_000_000)
        return try NPYArrayFile(location: storage, path: "NoiseLog_stacked/\(label)/\(curves[0].mnemonic)/\(firstOutput).npy")
            .readColumn(column, as: Double.self)
    }

    @Test("only changed periods are rebuilt; a growing period reuses its stacked columns; a restart rebuilds nothing unchanged")
    func rebuildsAndReuse() throws {
        let folder = try TemporaryFolder()
        let storage = LocalStorage(root: folder.path)
        for k in 0..<7 { try Self.writeOutput(folder, Self.t0 + Int64(k), digit: 1) }
        let period = LiveProductPeriod(seconds: 5)
        let labels = [Self.t0, Self.t0 + 5].map { period.label(of: $0 * 1_000_000_000) }
        #expect(labels == ["2023-11-14T22-13-20", "2023-11-14T22-13-25"])
        var waterfalls: [[String]] = []
        func update(_ stack: LiveRolledStack) -> [String] {
            stack.update(results: storage, prodml: false, waterfallColumns: 4) { shown, read in
                waterfalls.append(shown)
                _ = try shown.map(read)
            }.map { $0.1 == nil ? $0.0 : "\($0.0): \($0.1!)" }
        }
        let stack = LiveRolledStack(folder: "NoiseLog", period: period)
        #expect(update(stack) == labels.map { "NoiseLog_stacked/" + $0 })
        #expect(waterfalls.last == (3..<7).map { "\(Self.t0 + Int64($0)).fbe" }, "the last 4 outputs")
        #expect(update(stack).isEmpty, "nothing changed: nothing rebuilt")

        // t0+5's content changes, its size and change stamp do not; t0+7 is new: the second period grows, and
        // t0+5 comes from the stack's column (the old value), not from its file.
        try Self.writeOutput(folder, Self.t0 + 5, digit: 2)
        try Self.writeOutput(folder, Self.t0 + 7, digit: 3)
        #expect(update(stack) == ["NoiseLog_stacked/" + labels[1]])
        #expect(try Self.stacked(storage, period: Self.t0 + 5, firstOutput: Self.t0 + 5, column: 0) == [1, 1, 1])
        #expect(try Self.stacked(storage, period: Self.t0 + 5, firstOutput: Self.t0 + 5, column: 2) == [3, 3, 3])

        // A restarted watch: unchanged periods are taken from inputs.json; a period whose outputs changed (t0+6
        // grows by a digit) is rebuilt from the files, so t0+5's new content shows.
        #expect(update(LiveRolledStack(folder: "NoiseLog", period: period)).isEmpty)
        try Self.writeOutput(folder, Self.t0 + 6, digit: 12)
        #expect(update(LiveRolledStack(folder: "NoiseLog", period: period)) == ["NoiseLog_stacked/" + labels[1]])
        #expect(try Self.stacked(storage, period: Self.t0 + 5, firstOutput: Self.t0 + 5, column: 0) == [2, 2, 2])
        #expect(try Self.stacked(storage, period: Self.t0 + 5, firstOutput: Self.t0 + 5, column: 1) == [12, 12, 12])
        #expect(try Self.stacked(storage, period: Self.t0, firstOutput: Self.t0, column: 4) == [1, 1, 1])
    }

    @Test("a stack's columns read back equal the outputs it was written from")
    func columnsReadBack() throws {
        let folder = try TemporaryFolder()
        let storage = LocalStorage(root: folder.path)
        for k in 0..<3 { try Self.writeOutput(folder, Self.t0 + Int64(k), digit: k + 4) }
        let listing = try ChunkOutputFolder(location: storage, folder: "NoiseLog")
        let plan = try StackPlan.scan(listing.files, read: listing.read)
        try StackedRunWriter.write(plan, reading: listing.read, to: try storage.sublocation("stack"))
        let columns = try StackedRunColumns(plan: plan, location: try storage.sublocation("stack"))
        for file in listing.files {
            let original = try listing.read(file)
            let back = try columns.output(file, address: original.address)
            #expect(back.values.values == original.values.values && back.startTimeNs == original.startTimeNs
                    && back.depth == original.depth && back.curves == original.curves && back.depthUnit == original.depthUnit)
        }
        #expect(!columns.contains("missing.fbe"))
    }
}
