import DistSwiftIO

/// One per-chunk output of `distswift process` (a `write_witsml` `.fbe` log or a `write_npy` array) as the stack
/// step uses it: when the chunk starts, the channel depths, and one value per channel for every curve.
public struct ChunkOutput: Sendable {
    public enum Kind: String, Sendable { case fbe, npy }

    /// The file name inside the folder (errors name it).
    public let file: String
    /// Its address, for messages.
    public let address: String
    public let startTimeNs: Int64
    public let depth: [Double]
    public let depthUnit: String
    public let curves: [WITSMLCurve]
    /// `depth.count × curves.count`.
    public let values: Array2D<Double>

    public init(file: String, address: String, startTimeNs: Int64, depth: [Double], depthUnit: String,
                curves: [WITSMLCurve], values: Array2D<Double>) {
        precondition(values.rows == depth.count && values.columns == curves.count)
        self.file = file
        self.address = address
        self.startTimeNs = startTimeNs
        self.depth = depth
        self.depthUnit = depthUnit
        self.curves = curves
        self.values = values
    }

    /// The extensions read as WITSML FBE logs: distpy's `readFBEController` takes the same four.
    public static let fbeExtensions: Set<String> = ["fbe", "dts", "xml", "witsml"]

    /// The kind of a file in an output folder, or nil for files that are not per-chunk outputs (`measured_depth.npy`,
    /// `time.npy`, anything else).
    public static func kind(of name: String) -> Kind? {
        guard let dot = name.lastIndex(of: "."), !name.hasPrefix(".") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        if fbeExtensions.contains(ext) { return .fbe }
        if ext == "npy" && ChunkName.startTimeNs(of: name) != nil { return .npy }
        return nil
    }

    /// The start time a per-chunk output's name stands for (`{unix_seconds}[.{ns9}].EXT`), or nil.
    public static func nameTimeNs(_ name: String) -> Int64? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return ChunkName.startTimeNs(of: String(name[..<dot]) + ".npy")
    }

    /// Reads a `.fbe` log. Its time is the one its name stands for (to the nanosecond); `creationDate` (whole UTC
    /// seconds, as write_witsml writes it) must agree with it to the second. A file whose name is not a chunk name
    /// is timed by its creationDate alone.
    public static func readFBE(location: any StorageLocation, folder: String, file: String) throws -> ChunkOutput {
        let path = folder.isEmpty ? file : folder + "/" + file
        let address = location.address(of: path)
        let log = try WITSMLFBEReader.read(location: location, path: path)
        let nameTime = nameTimeNs(file)
        let time: Int64
        switch (nameTime, log.creationTimeNs) {
        case let (name?, created?):
            guard wholeSeconds(name) == wholeSeconds(created) else {
                throw WITSMLReadError(file: address, problem: "has creationDate \(UTCTime.iso8601(created)) but its "
                                      + "name stands for \(UTCTime.iso8601(name))",
                                      fix: "rename the file after its chunk ({unix_seconds}.fbe) or correct creationDate")
            }
            time = name
        case let (name?, nil): time = name
        case let (nil, created?): time = created
        case (nil, nil):
            throw WITSMLReadError(file: address, problem: "has no creationDate and its name is not a chunk time",
                                  fix: "name it {unix_seconds}.fbe or give it a creationDate")
        }
        return ChunkOutput(file: file, address: address, startTimeNs: time, depth: log.depth,
                           depthUnit: log.depthUnit, curves: log.curves,
                           values: Array2D(rows: log.depth.count, columns: log.curves.count, values: log.values))
    }

    /// Reads a `write_npy` array (channels × k). Its curves are `col0`, `col1`, … or, for one column, `single`
    /// (the caller passes the folder's name). `depth` comes from the folder's `measured_depth.npy`.
    public static func readNPY(location: any StorageLocation, folder: String, file: String, depth: [Double]?,
                               singleCurve: String) throws -> ChunkOutput {
        let path = folder.isEmpty ? file : folder + "/" + file
        let array = try NPYArrayFile(location: location, path: path)
        guard array.header.shape.count <= 2 else {
            throw WITSMLReadError(file: array.address, problem: "holds a \(array.header.shape.count)-D array "
                                  + "\(array.header.shape)", fix: "stack only channels × values arrays (write_npy of "
                                  + "per-channel results)")
        }
        let values = try array.read(as: Double.self)
        let channelDepth: [Double]
        if let depth {
            guard depth.count == values.rows else {
                throw WITSMLReadError(file: array.address, problem: "has \(values.rows) rows but measured_depth.npy "
                                      + "beside it has \(depth.count) positions",
                                      fix: "stack a folder whose arrays all have one row per channel")
            }
            channelDepth = depth
        } else {
            channelDepth = (0..<values.rows).map(Double.init)
        }
        let curves = values.columns == 1
            ? [WITSMLCurve(mnemonic: singleCurve, description: "")]
            : (0..<values.columns).map { WITSMLCurve(mnemonic: "col\($0)", description: "") }
        return ChunkOutput(file: file, address: array.address, startTimeNs: nameTimeNs(file)!, depth: channelDepth,
                           depthUnit: "m", curves: curves, values: values)
    }

    /// The UTC second an instant falls in (floor, also before 1970).
    public static func wholeSeconds(_ ns: Int64) -> Int64 {
        let perSecond = UTCTime.nanosecondsPerSecond
        return ns / perSecond - (ns % perSecond < 0 ? 1 : 0)
    }
}
