import DistSwiftNative
import Foundation

/// The registry of record layouts, in sniffing order (most specific first).
public enum RecordFormats {
    public static let all: [any RecordReader.Type] = [
        // TDMS before SEG-Y: its 'TDSm' tag is certain, while SEG-Y's check (a format code at bytes 3225–3226)
        // could happen to accept the metadata of a TDMS file.
        // The vendor readers built on PRODML come before it; PRODML's sniff leaves their vendor codes to them.
        OptaSensePRODMLReader.self, SintelaONYXReader.self, PRODMLReader.self, TDMSReader.self, SEGYReader.self,
        Terra15Reader.self, OptoDASReader.self, APSensingReader.self, SilixaH5Reader.self, FebusReader.self,
        DASDAEReader.self, GDRReader.self, NeubrexReader.self, OptaSenseODH4Reader.self, AragonHDASReader.self,
        SilixaCarinaReader.self, XdasNetCDFReader.self, H5SimpleReader.self, DistpySimpleReader.self,
        MiniSEEDReader.self,
        // Seismic Unix has no signature (only trace headers that tile the file): after every layout that has one.
        SeismicUnixReader.self,
    ]

    /// Every layout for the help, in sniffing order, e.g. "PRODML (2.0/2.1), Silixa iDAS TDMS, SEG-Y (…), …":
    /// made from the registry, so a new reader is listed where it is registered.
    public static var supportedList: String {
        all.map { format in format.formatName + (format.variants.map { " (\($0))" } ?? "") }.joined(separator: ", ")
    }

    /// Opens `path`: with the user's `hdf5_layout` when the file holds its data set (the user's description wins
    /// over a built-in guess), else with the first layout whose sniff accepts it. An unrecognised file gets an error
    /// that says what it is, which layouts are supported and, for HDF5, how to describe it.
    ///
    /// `select` names one record of a file that holds several (`--select Raw[1]`); a layout with one record per
    /// file has nothing to choose and ignores it.
    public static func open(_ path: String, layout: HDF5Layout? = nil, select: String? = nil) throws
        -> any RecordSource
    {
        try checkIsReadableFile(path)
        if let layout, ConfiguredHDF5Reader.applies(layout, to: path) {
            return try ConfiguredHDF5Reader(path: path, layout: layout)
        }
        if let format = sniff(path) {
            if let multi = format as? any MultiRecordReader.Type {
                return try open(path, format: multi, select: select)
            }
            return try format.init(path: path)
        }
        // A processed PRODML product is named and refused with its conversion, never given an hdf5_layout that
        // would read band energies as a time series.
        if let product = PRODMLProcessedProduct.detect(path: path) { throw product.refusal(path: path) }
        if HDF5File.isHDF5(path) {
            let closest = (try? HDF5File.open(path)).flatMap { LayoutSuggestion.closest(to: $0) }
            throw RecordError(
                file: path,
                problem: "is an HDF5 file in a layout distswift does not recognise"
                    + (layout.map { " (and it has no \($0.data), the data set hdf5_layout names)" } ?? "")
                    + "; it contains:\n" + describeHDF5(path).map { "    \($0)" }.joined(separator: "\n")
                    + (closest.map { "\n  " + $0.description } ?? ""),
                fix: "supported layouts: \(all.map { $0.formatName }.joined(separator: ", ")). To ingest it anyway, "
                    + "describe it in the system config, e.g.\n    " + layoutTemplate(path)
                    + "\n  (docs/configuration.md#hdf5_layout)")
        }
        if isNetCDFClassic(path) {
            throw RecordError(file: path, problem: "is a NetCDF classic (version 3) file; distswift reads NetCDF4, "
                + "which is HDF5 underneath (xdas writes it)", fix: "convert it: `nccopy -k nc4 FILE FILE.nc4`")
        }
        if let truncated = SeismicUnixReader.truncation(of: path) { throw truncated }
        throw RecordError(file: path, problem: "is not a recognised DAS record (neither HDF5 nor a supported layout)",
                          fix: "supported layouts: \(all.map { $0.formatName }.joined(separator: ", "))")
    }

    /// A path that is missing, a folder or unreadable is said to be so, by name, before any sniff: otherwise every
    /// sniff declines it and the user reads "not a recognised DAS record" about a typo.
    static func checkIsReadableFile(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RecordError(file: path, problem: "does not exist",
                              fix: "check the path (relative paths start at \(FileManager.default.currentDirectoryPath))")
        }
        guard !isFolder.boolValue else {
            throw RecordError(file: path, problem: "is a folder, not a record file",
                              fix: "name one file in it, or ingest the folder with a system config whose data is it")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RecordError(file: path, problem: "cannot be read (permission denied)",
                              fix: "check the file's permissions")
        }
    }

    /// The layout whose sniff accepts `path` first. The probe (and the HDF5 file it opened) is gone before the
    /// chosen reader opens the file for itself.
    public static func sniff(_ path: String) -> (any RecordReader.Type)? {
        let probe = RecordProbe(path: path)
        return all.first { $0.sniff(probe) }
    }

    /// The records of a file that can hold several, or nil for a layout with one record per file.
    public static func recordNames(_ path: String) throws -> [String]? {
        guard let multi = sniff(path) as? any MultiRecordReader.Type else { return nil }
        return try multi.recordNames(path: path)
    }

    static func open(_ path: String, format: any MultiRecordReader.Type, select: String?) throws -> any RecordSource {
        let names = try format.recordNames(path: path)
        if let select {
            guard names.contains(select) else {
                throw RecordError(file: path, problem: "holds the \(format.formatName) records "
                    + names.joined(separator: ", ") + "; --select \(select) names none of them",
                    fix: "--select one of: " + names.joined(separator: ", "))
            }
            return try format.init(path: path, record: select)
        }
        guard names.count == 1, let only = names.first else {
            throw severalRecords(path: path, format: format, names: names)
        }
        return try format.init(path: path, record: only)
    }

    /// The refusal of a file with several records and no `--select`: it names them, with their shapes where they
    /// can be read, so the user can choose.
    static func severalRecords(path: String, format: any MultiRecordReader.Type, names: [String]) -> RecordError {
        let described = names.map { name -> String in
            guard let m = try? format.init(path: path, record: name).metadata else { return "    \(name)" }
            return "    \(name): \(m.channelCount) channels × \(m.sampleCount) samples at \(m.samplingRateHz) Hz from "
                + UTCTime.iso8601(m.startTimeNs)
        }
        return RecordError(file: path, problem: "holds \(names.count) \(format.formatName) records; distswift never "
            + "ingests one of them silently:\n" + described.joined(separator: "\n"),
            fix: "choose one with `distswift ingest … --select \(names.first ?? "NAME")`; for one store per record, "
                + "run ingest once per record, each with its own results folder")
    }

    /// NetCDF classic and 64-bit offset files start with "CDF" and a version byte 1, 2 or 5.
    static func isNetCDFClassic(_ path: String) -> Bool {
        guard let file = try? NativeFile.openForReading(path), let head = try? file.readBytes(at: 0, count: 4),
              head.count == 4 else { return false }
        return Array(head[0..<3]) == Array("CDF".utf8) && [1, 2, 5].contains(head[3])
    }

    /// An `hdf5_layout` to start from: the largest 2-D data set and a 1-D data set that could be its time vector.
    static func layoutTemplate(_ path: String) -> String {
        var best: (path: String, shape: [Int])?
        var vectors: [(path: String, count: Int)] = []
        if let file = try? HDF5File.open(path) {
            func walk(_ group: String) {
                for member in (try? file.members(of: group)) ?? [] {
                    let child = (group == "/" ? "" : group) + "/" + member.name
                    if member.kind == .group { walk(child); continue }
                    guard member.kind == .dataset, let shape = try? file.dataset(child).shape() else { continue }
                    if shape.count == 2, shape.reduce(1, *) > (best?.shape.reduce(1, *) ?? 0) { best = (child, shape) }
                    if shape.count == 1 { vectors.append((child, shape[0])) }
                }
            }
            walk("/")
        }
        let data = best?.path ?? "/path/to/array"
        let time = vectors.first { $0.count == best?.shape.first }.map { ($0.path, "time,distance") }
            ?? vectors.first { $0.count == best?.shape.last }.map { ($0.path, "distance,time") }
        let timeJSON = time.map { "{\"dataset\": \"\($0.0)\", \"unit\": \"\(epochUnit(of: $0.0, in: path))\"}" }
            ?? "{\"start\": \"2024-01-01T00:00:00Z\", \"rate_hz\": 1000}"
        return "\"hdf5_layout\": {\"data\": \"\(data)\", \"axes\": \"\(time?.1 ?? "time,distance")\", "
            + "\"time\": \(timeJSON), \"distance\": {\"start_m\": 0, \"spacing_m\": 1}}"
    }

    /// The unit of a time vector since the epoch, guessed from the size of its first value (a 2020s time is
    /// ~1.7e9 s, 1.7e12 ms, 1.7e15 µs, 1.7e18 ns).
    static func epochUnit(of dataset: String, in path: String) -> String {
        guard let file = try? HDF5File.open(path), let first = (try? file.dataset(dataset).read(as: Double.self, offset: [0], count: [1]))?.first
        else { return "s" }
        switch abs(first) {
        case 1e17...: return "ns"
        case 1e14...: return "us"
        case 1e11...: return "ms"
        default: return "s"
        }
    }

    /// The data sets of an HDF5 file with their shapes and types (at most `limit` lines), for error messages.
    public static func describeHDF5(_ path: String, limit: Int = 20) -> [String] {
        guard let file = try? HDF5File.open(path) else { return ["(cannot be opened)"] }
        var lines: [String] = []
        func walk(_ group: String) {
            guard let members = try? file.members(of: group) else { return }
            for member in members where lines.count < limit {
                let child = (group == "/" ? "" : group) + "/" + member.name
                switch member.kind {
                case .group: walk(child)
                case .dataset:
                    let d = try? file.dataset(child)
                    let shape = (try? d?.shape()).flatMap { $0 }.map { "\($0)" } ?? "?"
                    let kind = (try? d?.elementKind()).flatMap { $0 }.map { "\($0)" } ?? "?"
                    lines.append("\(child)  \(shape)  \(kind)")
                case .other: break
                }
            }
        }
        walk("/")
        return lines.isEmpty ? ["(no data sets)"] : lines
    }
}
