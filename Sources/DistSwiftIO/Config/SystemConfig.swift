import DistSwiftObjectStore
import Foundation

/// distpy's system config, read with distpy's keys unchanged and mapped to storage locations:
/// input `{in_drive}/{project}/{data}`, output `{out_drive}/{project}/{results}`. A drive may be a local folder or
/// an S3 bucket prefix (`s3://bucket/prefix`, docs/storage.md).
///
/// Differences from distpy (docs/distpy-differences.md): unknown keys are errors (with the nearest key suggested)
/// instead of being ignored; relative paths resolve against the config file's folder, not the working directory;
/// `BOX_SIZE` really sets the channel block size (distpy ignores it and always uses 500); left out, blocks are sized
/// to the cache (`ChannelBlocks.cacheSized`).
public struct SystemConfig: Sendable {
    /// The config file, as an absolute path.
    public let file: String
    public let input: any StorageLocation
    public let output: any StorageLocation
    /// True when workers run in parallel (`parallel_flag` > 0).
    public let parallel: Bool
    /// Worker processes when parallel (`ncpu`).
    public let workerCount: Int
    /// How a chunk is cut into channel blocks (`BOX_SIZE`; left out: cache-sized blocks).
    public let channelBlocks: ChannelBlocks
    /// The channel-position file, relative to the input location (`measured_depth`).
    public let measuredDepthFile: String?
    /// A time-axis file, relative to the input location (`time_scale`).
    public let timeScaleFile: String?
    /// Sampling rate in Hz (`prf`), used for stores without a manifest (distpy's).
    public let prf: Double
    /// The stage's workflow JSON (`config`), as an absolute path.
    public let workflowFile: String?
    /// The user's description of an HDF5 layout distswift does not know (`hdf5_layout`).
    public let hdf5Layout: HDF5Layout?

    public static let defaultPRF = 10_000.0

    /// Every key distswift understands, with its JSON type and meaning (the table in docs/configuration.md).
    public static let keys: [ConfigKeySpec] = [
        .init("in_drive", .string,
              "folder holding the projects' input data (relative paths: to this file), or s3://bucket/prefix"),
        .init("out_drive", .string, "folder holding the projects' results, or s3://bucket/prefix"),
        .init("project", .string, "project folder name under in_drive and out_drive"),
        .init("data", .string, "input folder under {in_drive}/{project}"),
        .init("results", .string, "output folder under {out_drive}/{project}"),
        .init("in_directory", .string, "legacy: the input folder itself, when in_drive is absent"),
        .init("out_directory", .string, "legacy: the output folder itself, when out_drive is absent"),
        .init("parallel_flag", .integer, "1 runs workers in parallel, 0 serially"),
        .init("ncpu", .integer, "number of worker processes when parallel_flag is 1"),
        .init("BOX_SIZE", .integer,
              "channels per block for commands along time (0 or less: whole chunk; left out: cache-sized blocks)"),
        .init("measured_depth", .string, "channel-position .npy file in the input folder"),
        .init("time_scale", .string, "time-axis .npy file in the input folder"),
        .init("prf", .number, "sampling rate in Hz for stores without a store.json manifest"),
        .init("config", .string, "the stage's workflow JSON: command graph or plot list"),
        .init("hdf5_layout", .object, "describes an HDF5 layout distswift does not know (see below)"),
        .init("s3", .object, "settings for s3:// drives: endpoint, region, profile, path_style (see below)"),
        .init("verbose", .integer, "1 prints more detail"),
        .init("comment", .string, "free text, ignored"),
        .init("description", .string, "free text, ignored"),
    ]

    /// The keys of the `s3` object (the second table in docs/configuration.md).
    public static var s3Keys: [ConfigKeySpec] { StorageLocationFactory.s3Keys }

    /// Reads and checks a system config, reporting every problem at once. `environment` supplies the AWS settings
    /// of s3:// drives (AWS_ACCESS_KEY_ID, AWS_PROFILE, …).
    public static func load(path: String, faults: WriteFaults? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SystemConfig
    {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError(file: path, key: nil, problem: "cannot be read (no such file, or no permission)")
        }
        return try parse(data: data, file: absolute, faults: faults, environment: environment)
    }

    public static func parse(data: Data, file: String, faults: WriteFaults? = nil,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SystemConfig
    {
        let root = try JSONValue.parse(data, source: file)
        guard let object = root.objectValue else {
            throw ConfigError(file: file, key: nil, problem: "must hold a JSON object, not \(root.typeName)")
        }
        try rejectOtherConfigKinds(object, file: file)
        var errors: [ConfigError] = []
        let reader = JSONObjectReader(object: object) { key, problem, fix in
            errors.append(ConfigError(file: file, key: key, problem: problem, fix: fix))
        }
        let known = keys.map(\.name)
        reader.rejectUnknownKeys(
            known: known, otherwise: "known keys: \(known.joined(separator: ", ")) (keys starting with '_' are ignored)")

        let folder = (file as NSString).deletingLastPathComponent
        func resolve(_ path: String) -> String {
            if StorageLocationFactory.isObjectStore(path) || path.hasPrefix("/") { return path }
            return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
        }

        var inputPath: String?
        var outputPath: String?
        if let inDrive = reader.string("in_drive") {
            let outDrive = reader.requiredString("out_drive", because: "in_drive is set")
            let project = reader.requiredString("project", because: "in_drive is set")
            let data = reader.requiredString("data", because: "in_drive is set")
            let results = reader.requiredString("results", because: "in_drive is set")
            for key in ["in_drive", "out_drive"] { rejectUnsupportedStorage(key, reader) }
            if let outDrive, let project, let data, let results {
                inputPath = resolve(inDrive) + "/" + project + "/" + data
                outputPath = resolve(outDrive) + "/" + project + "/" + results
            }
        } else if let inDirectory = reader.string("in_directory") {
            for key in ["in_directory", "out_directory"] { rejectUnsupportedStorage(key, reader) }
            if let outDirectory = reader.requiredString("out_directory", because: "in_directory is set") {
                inputPath = resolve(inDirectory)
                outputPath = resolve(outDirectory)
            }
        } else {
            reader.problem("in_drive", "is missing",
                           fix: "give in_drive, out_drive, project, data and results (or in_directory and out_directory)")
        }

        let parallel = (reader.integer("parallel_flag") ?? 0) > 0
        let ncpu = reader.integer("ncpu", minimum: 1) ?? 1
        let box = reader.integer("BOX_SIZE")
        let prf = reader.number("prf", positive: true) ?? defaultPRF
        let measuredDepth = reader.string("measured_depth")
        let timeScale = reader.string("time_scale")
        let workflow = reader.string("config").map(resolve)
        var layout: HDF5Layout?
        if let json = object["hdf5_layout"], json != .null {
            let (parsed, problems) = HDF5Layout.parse(json, file: file)
            layout = parsed
            errors += problems
        }
        _ = reader.integer("verbose")
        _ = reader.string("comment")
        _ = reader.string("description")
        let s3 = StorageLocationFactory.parseSettings(reader)

        var input: (any StorageLocation)?
        var output: (any StorageLocation)?
        if errors.isEmpty, let inputPath, let outputPath {
            var locations = StorageLocationFactory(settings: s3, environment: environment, faults: faults)
            let legacy = object["in_drive"] == nil
            for (path, key) in [(inputPath, legacy ? "in_directory" : "in_drive"),
                                (outputPath, legacy ? "out_directory" : "out_drive")] {
                do {
                    let location = try locations.location(path)
                    if key.hasPrefix("in_") { input = location } else { output = location }
                } catch let error as S3ConfigurationError {
                    reader.problem(key, error.problem, fix: error.fix)
                    break
                }
            }
        }

        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return SystemConfig(
            file: file,
            input: input!,
            output: output!,
            parallel: parallel, workerCount: parallel ? ncpu : 1,
            channelBlocks: box.map { $0 > 0 ? .channels($0) : .wholeChunk } ?? .cacheSized,
            measuredDepthFile: measuredDepth, timeScaleFile: timeScale, prf: prf, workflowFile: workflow,
            hdf5Layout: layout)
    }

    /// A drive on storage distswift cannot reach gets a message that says what can be done instead.
    static func rejectUnsupportedStorage(_ key: String, _ reader: JSONObjectReader) {
        if case .string(let s)? = reader.object[key], let scheme = StorageLocationFactory.unsupportedScheme(s) {
            reader.problem(key, "is '\(s)': \(scheme):// storage is not supported (only local folders and s3://)",
                           fix: "use an S3-compatible endpoint of the store (s3://bucket/prefix with s3.endpoint), or mount "
                               + "the storage and give its folder path")
        }
    }

    /// A command graph or a plot list handed over where a system config belongs gets a message that says so.
    static func rejectOtherConfigKinds(_ object: [String: JSONValue], file: String) throws {
        if object["command_list"] != nil {
            throw ConfigError(
                file: file, key: nil,
                problem: "is a command graph (it has 'command_list'), not a system config",
                fix: "pass a system config whose \"config\" key names this graph, e.g. "
                    + "{\"in_drive\": \"…\", \"out_drive\": \"…\", \"project\": \"…\", \"data\": \"…\", "
                    + "\"results\": \"…\", \"config\": \"\((file as NSString).lastPathComponent)\"}")
        }
        if object["plots"] != nil, object["in_drive"] == nil, object["in_directory"] == nil {
            throw ConfigError(
                file: file, key: nil, problem: "is a plot list (it has 'plots'), not a system config",
                fix: "pass a system config whose \"config\" key names this plot list")
        }
    }
}

/// One known configuration key.
public struct ConfigKeySpec: Sendable {
    public enum Kind: String, Sendable { case string, integer, number, object, boolean }
    public let name: String
    public let kind: Kind
    public let meaning: String

    public init(_ name: String, _ kind: Kind, _ meaning: String) {
        self.name = name
        self.kind = kind
        self.meaning = meaning
    }
}
