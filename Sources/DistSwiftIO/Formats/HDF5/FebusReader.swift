import DistSwiftNative

/// Febus A1: `/<device>/Source*/Zone*/<name>` stored as blocks (block × time-in-block × distance) with one time
/// stamp per block in `Source*/time`. Consecutive blocks may overlap; each sample is kept once by dropping the
/// overlap evenly from both ends of every block, as the instrument's own software does.
///
/// The sample interval is not reliably stored: the Valencia file says 2 ms (`Zone@Spacing[1]`) and 250 Hz
/// (`SamplingRate`). The candidates are tried in that order and the first whose blocks cover the block spacing
/// without gaps wins (2 ms would leave half of every second empty; 4 ms tiles it exactly, see notes §7).
///
/// A file may hold several zones (fibre sections, each with its own extent and data set) and, rarely, several
/// sources: each zone is one record, named "Zone2" (or "Source1/Zone2" when there are several sources), chosen with
/// `--select` like PRODML's Raw[n]; a file with several is refused with the list.
public struct FebusReader: MultiRecordReader {
    public static let formatName = "Febus A1"

    public let path: String
    public let metadata: RecordMetadata
    private let file: HDF5File
    private let datasetPath: String
    /// Rows kept from each block: `keptRows.lowerBound ..< keptRows.upperBound` of the block's time axis.
    private let keptRows: Range<Int>

    /// Block stamps are software times with ±1.3 % jitter in the sample file; beyond this the record has gaps.
    static let blockJitterTolerance = 0.05

    static func sourceGroups(in file: HDF5File) -> [String] {
        guard let top = try? file.members(of: "/") else { return [] }
        return top.filter { $0.kind == .group }.flatMap { device -> [String] in
            let members = (try? file.members(of: "/" + device.name)) ?? []
            return members.filter { $0.kind == .group && $0.name.hasPrefix("Source") }
                .map { "/\(device.name)/\($0.name)" }
        }
    }

    public static func sniff(_ probe: RecordProbe) -> Bool {
        guard let file = probe.hdf5 else { return false }
        return sourceGroups(in: file).contains { source in
            guard let names = try? file.attributes(of: source).names() else { return false }
            return Set(names).isSuperset(of: ["SamplingRate", "WholeExtent"]) && file.exists(source + "/time")
        }
    }

    /// What a zone's data set holds when its name says it is a processed product rather than samples: Febus names
    /// its power spectral densities "PSD [dB …]" (and energy or band products by what they are), with frequency
    /// bins along the axis that strain-rate data have time on.
    static func processedProduct(_ name: String) -> String? {
        let lower = name.lowercased()
        if lower.contains("psd") || lower.contains("spectr") { return "a power spectral density" }
        if lower.contains("[db") || lower.hasSuffix("db") { return "values in dB (a spectral product)" }
        if lower.contains("fbe") || lower.contains("energy") || lower.contains("rms") { return "band energies" }
        return nil
    }

    /// Every zone of the file as (record name, source group, zone group).
    static func zones(in file: HDF5File) throws -> [(name: String, source: String, zone: String)] {
        let sources = sourceGroups(in: file)
        return try sources.flatMap { source in
            try file.members(of: source).filter { $0.kind == .group && $0.name.hasPrefix("Zone") }.map { zone in
                let sourceName = source.split(separator: "/").last.map(String.init) ?? source
                return (name: sources.count == 1 ? zone.name : sourceName + "/" + zone.name, source: source,
                        zone: source + "/" + zone.name)
            }
        }
    }

    public static func recordNames(path: String) throws -> [String] {
        let names = try zones(in: try HDF5File.open(path)).map(\.name)
        guard !names.isEmpty else {
            throw RecordError(file: path, problem: "has Febus sources but no Zone group with data")
        }
        return names
    }

    public init(path: String, record: String) throws {
        self.path = path
        file = try HDF5File.open(path)
        let all = try Self.zones(in: file)
        guard let chosen = all.first(where: { $0.name == record }) else {
            throw RecordError(file: path, problem: "holds the Febus zones \(all.map(\.name).joined(separator: ", "))"
                + "; \(record) names none of them", fix: "choose one with --select")
        }
        let source = chosen.source
        let zone = chosen.zone
        let arrays = try file.members(of: zone).filter { $0.kind == .dataset }
        guard arrays.count == 1, let arrayName = arrays.first?.name else {
            throw RecordError(file: path, problem: "\(zone) holds \(arrays.count) data sets; expected one")
        }
        datasetPath = zone + "/" + arrayName
        if let product = Self.processedProduct(arrayName) {
            throw RecordError(file: path, problem: "\(datasetPath) holds \(product), a processed product of the "
                + "interrogator (its second axis is not time), not strain or strain-rate samples; ingesting it as a "
                + "time series would give plausible but meaningless chunks",
                fix: "ingest the raw strain-rate recording of the same acquisition; a spectrum belongs in band or "
                    + "spectrum outputs, not in a chunk store of samples")
        }
        let data = try file.dataset(datasetPath)
        let shape = try data.shape()
        guard shape.count == 3 else {
            throw RecordError(file: path, problem: "\(datasetPath) has shape \(shape); Febus blocks are "
                + "block × time × distance")
        }
        let (blocks, rowsPerBlock, channels) = (shape[0], shape[1], shape[2])
        let stamps = try file.dataset(source + "/time").read(as: Double.self)
        guard stamps.count == blocks else {
            throw RecordError(file: path, problem: "\(source)/time has \(stamps.count) block stamps but "
                + "\(datasetPath) has \(blocks) blocks")
        }
        let spacing = file.attributeNumbers(zone, "Spacing") ?? []
        var candidates: [Double] = []
        if spacing.count >= 2, spacing[1] > 0 { candidates.append(spacing[1] / 1000) }
        for rate in [file.attributeNumber(zone, "SamplingRate"), file.attributeNumber(source, "SamplingRate"),
                     file.attributeNumber(zone, "FreqRes")].compactMap({ $0 }) where rate > 0 {
            candidates.append(1 / rate)
        }
        guard !candidates.isEmpty else {
            throw RecordError(file: path, problem: "\(zone) states no sample interval (Spacing or SamplingRate)")
        }
        let diffs = zip(stamps.dropFirst(), stamps).map { $0 - $1 }
        var dt = candidates[0]
        var kept = 0..<rowsPerBlock
        if !diffs.isEmpty {
            let blockSpacing = diffs.sorted()[diffs.count / 2]
            guard let chosen = candidates.first(where: { Double(rowsPerBlock) * $0 >= blockSpacing * 0.98 }) else {
                throw RecordError(file: path, problem: "no stated sample interval (\(candidates) s) lets "
                    + "\(rowsPerBlock)-row blocks cover the \(blockSpacing) s block spacing: the record has gaps")
            }
            dt = chosen
            let unique = Int((blockSpacing / dt).rounded())
            let overlap = max(0, rowsPerBlock - unique)
            kept = (overlap / 2)..<(rowsPerBlock - (overlap - overlap / 2))
            let expected = Double(kept.count) * dt
            if let bad = diffs.firstIndex(where: { abs($0 - expected) > expected * Self.blockJitterTolerance }) {
                throw RecordError(file: path, problem: "block \(bad + 1) starts \(diffs[bad]) s after block \(bad), "
                    + "expected \(expected) s: the record has a gap", fix: "split the file at the gap")
            }
        }
        keptRows = kept
        let origin = file.attributeNumbers(zone, "Origin") ?? [0, 0, 0]
        let extent = file.attributeNumbers(zone, "Extent") ?? [0]
        let dx = spacing.first ?? 1
        let firstPosition = origin[0] + extent[0] * dx
        let timeOrigin = origin.count > 1 ? origin[1] / 1000 : 0
        let startNs = try RegularTimeAxis.nanoseconds(epochSeconds: stamps[0] + timeOrigin, file: path)
            + Int64((Double(kept.lowerBound) * dt * 1e9).rounded())
        metadata = RecordMetadata(
            format: Self.formatName, channelCount: channels, sampleCount: blocks * kept.count,
            samplingRateHz: 1 / dt, startTimeNs: startNs,
            channelPositions: (0..<channels).map { firstPosition + Double($0) * dx },
            units: nil, gaugeLengthM: file.attributeNumber(zone, "GaugeLength") ?? file.attributeNumber(source, "GaugeLength"),
            vendor: "Febus" + (file.attributeText(source, "Hostname").map { " \($0)" } ?? ""),
            storedType: HDF5Matrix.storedType(try data.elementKind()))
    }

    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        let data = try file.dataset(datasetPath)
        let channels = metadata.channelCount
        let perBlock = keptRows.count
        var out = Array2D<T>(rows: channels, columns: range.count, repeating: T(converting: 0))
        var sample = range.lowerBound
        while sample < range.upperBound {
            let block = sample / perBlock
            let row = sample % perBlock
            let n = min(perBlock - row, range.upperBound - sample)
            let values = try data.read(as: T.self, offset: [block, keptRows.lowerBound + row, 0],
                                       count: [1, n, channels])
            let piece = HDF5Matrix.transposed(values, rows: n, columns: channels)
            let column = sample - range.lowerBound
            for c in 0..<channels {
                for t in 0..<n { out[c, column + t] = piece[c, t] }
            }
            sample += n
        }
        return out
    }
}
