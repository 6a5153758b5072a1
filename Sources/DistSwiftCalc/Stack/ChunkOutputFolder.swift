import DistSwiftIO

/// A results folder of per-chunk outputs (`{results}/{directory_out}`): lists its `.fbe` logs, or, when there is
/// none, its `write_npy` chunk arrays, and reads them one at a time, so a stack never holds more than one output.
/// Only the folder's own files are read (distpy walks sub-folders too, but `distswift process` writes each writer's
/// outputs flat in its folder).
public struct ChunkOutputFolder: Sendable {
    public let location: any StorageLocation
    public let folder: String
    public let kind: ChunkOutput.Kind
    /// The per-chunk files (unsorted).
    public var files: [String] { entries.map(\.name) }
    /// The per-chunk files' listing entries (sizes and change stamps, where the storage gives them).
    public let entries: [StorageEntry]
    /// `measured_depth.npy` beside write_npy arrays, when there is one.
    public let depth: [Double]?

    /// Lists `folder` in `location`.
    public init(location: any StorageLocation, folder: String) throws {
        let entries: [StorageEntry]
        do {
            entries = try location.list(folder)
        } catch {
            throw StackError("\(location.address(of: folder)) cannot be listed (\(error))",
                             fix: "give the folder a writer's directory_out names under the results location")
        }
        let files = entries.filter { !$0.isFolder }
        let fbe = files.filter { ChunkOutput.kind(of: $0.name) == .fbe }
        let npy = files.filter { ChunkOutput.kind(of: $0.name) == .npy }
        if !fbe.isEmpty && !npy.isEmpty {
            throw StackError("\(location.address(of: folder)) holds both WITSML logs (\(fbe[0].name)) and .npy chunk "
                             + "arrays (\(npy[0].name))", fix: "give each writer its own directory_out")
        }
        guard !fbe.isEmpty || !npy.isEmpty else {
            throw StackError("\(location.address(of: folder)) holds no per-chunk outputs ({chunk}.fbe or "
                             + "{chunk}.npy)", fix: "run distswift process with a graph that writes to it first")
        }
        self.location = location
        self.folder = folder
        kind = fbe.isEmpty ? .npy : .fbe
        self.entries = fbe.isEmpty ? npy : fbe
        let depthPath = folder.isEmpty ? "measured_depth.npy" : folder + "/measured_depth.npy"
        depth = kind == .npy && location.exists(depthPath)
            ? try NPYArrayFile(location: location, path: depthPath).readVector(as: Double.self) : nil
    }

    /// A path inside the folder.
    public func path(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

    /// Reads one per-chunk output.
    public func read(_ file: String) throws -> ChunkOutput {
        switch kind {
        case .fbe: return try ChunkOutput.readFBE(location: location, folder: folder, file: file)
        case .npy:
            let name = folder.split(separator: "/").last.map(String.init) ?? "values"
            return try ChunkOutput.readNPY(location: location, folder: folder, file: file, depth: depth,
                                           singleCurve: name)
        }
    }

    /// Reads every per-chunk output of `folder` in `location` (unsorted) — all in memory, for small folders.
    public static func read(location: any StorageLocation, folder: String) throws -> [ChunkOutput] {
        let listing = try ChunkOutputFolder(location: location, folder: folder)
        return try listing.files.map(listing.read)
    }
}
