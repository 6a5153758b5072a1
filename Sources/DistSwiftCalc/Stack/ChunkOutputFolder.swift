import DistSwiftIO

/// A results folder of per-chunk outputs (`{results}/{directory_out}`): lists and reads every `.fbe` log, or, when
/// there is none, every `write_npy` chunk array. Only the folder's own files are read (distpy walks sub-folders too,
/// but `distswift process` writes each writer's outputs flat in its folder).
public enum ChunkOutputFolder {
    /// Reads every per-chunk output of `folder` in `location` (unsorted: `StackedRun.stack` orders them by time).
    public static func read(location: any StorageLocation, folder: String) throws -> [ChunkOutput] {
        let entries: [StorageEntry]
        do {
            entries = try location.list(folder)
        } catch {
            throw StackError("\(location.address(of: folder)) cannot be listed (\(error))",
                             fix: "give the folder a writer's directory_out names under the results location")
        }
        let files = entries.filter { !$0.isFolder }.map(\.name)
        let fbe = files.filter { ChunkOutput.kind(of: $0) == .fbe }
        let npy = files.filter { ChunkOutput.kind(of: $0) == .npy }
        if !fbe.isEmpty && !npy.isEmpty {
            throw StackError("\(location.address(of: folder)) holds both WITSML logs (\(fbe[0])) and .npy chunk "
                             + "arrays (\(npy[0]))", fix: "give each writer its own directory_out")
        }
        if !fbe.isEmpty {
            return try fbe.map { try ChunkOutput.readFBE(location: location, folder: folder, file: $0) }
        }
        guard !npy.isEmpty else {
            throw StackError("\(location.address(of: folder)) holds no per-chunk outputs ({chunk}.fbe or "
                             + "{chunk}.npy)", fix: "run distswift process with a graph that writes to it first")
        }
        let depthPath = folder.isEmpty ? "measured_depth.npy" : folder + "/measured_depth.npy"
        let depth = location.exists(depthPath)
            ? try NPYArrayFile(location: location, path: depthPath).readVector(as: Double.self) : nil
        let name = folder.split(separator: "/").last.map(String.init) ?? "values"
        return try npy.map {
            try ChunkOutput.readNPY(location: location, folder: folder, file: $0, depth: depth, singleCurve: name)
        }
    }
}
