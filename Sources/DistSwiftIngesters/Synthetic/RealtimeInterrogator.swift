import DistSwiftIO
import Foundation

/// A synthetic interrogator that writes its record files at the rate the data are acquired (`synth --realtime`):
/// file i appears when its last sample would have been measured, so `distswift watch` can be tested and
/// demonstrated against something that behaves like an instrument. Real instruments deliver a file in one of two
/// ways, and both are played here because a watcher must handle both:
/// - `rename`: the file is written under a hidden temporary name and renamed into place when complete (most
///   SEG-Y and HDF5 writers); it appears complete or not at all;
/// - `grow`: the file is created under its final name at the start of its record and appended to in blocks while
///   it is acquired, then closed (a file kept open by the acquisition software); a watcher sees every size between.
public struct RealtimeInterrogator: Sendable {
    public enum Delivery: String, Sendable, CaseIterable {
        case rename, grow
    }

    public let scene: SyntheticScene
    public let format: SyntheticRecordWriter.Format
    public let files: Int
    public let delivery: Delivery
    /// Multiple of real time (2: a file of 1 s every 0.5 s).
    public let speed: Double
    /// Appends per file in `grow` delivery.
    public let blocksPerFile: Int

    public init(scene: SyntheticScene, format: SyntheticRecordWriter.Format, files: Int, delivery: Delivery,
                speed: Double = 1, blocksPerFile: Int = 8) {
        precondition(speed > 0 && blocksPerFile >= 1)
        self.scene = scene
        self.format = format
        self.files = files
        self.delivery = delivery
        self.speed = speed
        self.blocksPerFile = blocksPerFile
    }

    /// Writes every file on schedule into the local folder `folder`, calling `delivered` after each; returns the
    /// names in order. A file that could not be made in its time is still written (late), and said so.
    @discardableResult
    public func play(into folder: LocalStorage, delivered: (String, _ lateSeconds: Double) -> Void = { _, _ in })
        throws -> [String]
    {
        let plan = SyntheticRecordWriter.plan(scene, as: format, files: files)
        let began = Date()
        var names: [String] = []
        for file in plan {
            let begins = Double(file.samples.lowerBound) / scene.samplingRateHz / speed
            let ends = Double(file.samples.upperBound) / scene.samplingRateHz / speed
            switch delivery {
            case .rename:
                Self.sleep(until: began.addingTimeInterval(ends))
                try SyntheticRecordWriter.write(file, of: scene, as: format, to: folder, path: file.name)
            case .grow:
                let bytes = try render(file)
                Self.sleep(until: began.addingTimeInterval(begins))
                try grow(bytes, at: try folderPath(folder, file.name), from: began.addingTimeInterval(begins),
                         to: began.addingTimeInterval(ends))
            }
            names.append(file.name)
            delivered(file.name, max(0, Date().timeIntervalSince(began) - ends))
        }
        return names
    }

    /// The file's bytes, made in a scratch folder (the writers write whole files).
    private func render(_ file: SyntheticRecordWriter.RecordFile) throws -> [UInt8] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("distswift-synth-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let location = LocalStorage(root: scratch.path)
        try SyntheticRecordWriter.write(file, of: scene, as: format, to: location, path: file.name)
        return try location.readAll(file.name)
    }

    /// Appends `bytes` in `blocksPerFile` blocks spread evenly from `start` to `end`, closing the file at the end.
    private func grow(_ bytes: [UInt8], at path: String, from start: Date, to end: Date) throws {
        let file = try GrowingFile(creating: path)
        let block = (bytes.count + blocksPerFile - 1) / blocksPerFile
        for (i, lower) in stride(from: 0, to: bytes.count, by: block).enumerated() {
            Self.sleep(until: start.addingTimeInterval(end.timeIntervalSince(start) * Double(i) / Double(blocksPerFile)))
            try file.append(Array(bytes[lower..<min(lower + block, bytes.count)]))
        }
        Self.sleep(until: end)
        try file.finish()
    }

    private func folderPath(_ folder: LocalStorage, _ name: String) throws -> String {
        guard let path = folder.localPath(of: name) else {
            throw RecordError(file: folder.address(of: name), problem: "is not a local file",
                              fix: "give --segy or --prodml a local folder")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        return path
    }

    private static func sleep(until date: Date) {
        let wait = date.timeIntervalSinceNow
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
}
