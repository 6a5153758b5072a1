import DistSwiftNative

/// NI TDMS files as Silixa iDAS writes them: one group (`Measurement`) of one channel per position along the fibre,
/// int16 values, interleaved (one row per time sample), the instrument's settings as properties of the file object.
/// The TDMS structure (segments, incremental metadata, interleaving, byte order, an incomplete last segment) is
/// decoded by `TDMSFileStructure` and mapped to channels × samples by `TDMSRecordLayout`; the Silixa properties by
/// `SilixaTDMSProperties`. Details: docs/tdms.md.
public struct TDMSReader: RecordReader {
    public static let formatName = "Silixa iDAS TDMS"

    public let path: String
    public let metadata: RecordMetadata
    /// What a reader of the metadata should know, e.g. that the file ends inside its last segment. Also appended to
    /// `metadata.format`, so the store's source record keeps it.
    public let notes: [String]
    /// The group whose channels are the record.
    public let groupName: String
    /// The channel names in file order (the record's rows).
    public let channelNames: [String]
    /// The file object's properties followed by the group's, in file order (a group property replaces the file's
    /// of the same name).
    public let properties: [(name: String, value: TDMSValue)]

    let layout: TDMSRecordLayout
    private let file: NativeFile

    /// `TDSm` at byte 0, and a file whose metadata describes one group of channels of one type and one length. A
    /// TDMS file whose structure distswift refuses (truncated in its metadata, strings, DAQmx data) is claimed too,
    /// so that `init` reports why; only a TDMS file that reads fine but is not a DAS record is left to others.
    public static func sniff(_ probe: RecordProbe) -> Bool {
        let path = probe.path
        guard let file = try? NativeFile.openForReading(path), let size = try? file.size(), size >= 4,
              let head = try? file.readBytes(at: 0, count: 4), TDMSLeadIn.hasTag(head)
        else { return false }
        guard let structure = try? TDMSFileStructure(file: file, path: path) else { return true }
        return (try? TDMSRecordLayout(structure, path: path)) != nil
    }

    public init(path: String) throws {
        self.path = path
        let file: NativeFile
        do { file = try NativeFile.openForReading(path) } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "check that the file exists and is readable")
        }
        // A .tdms_index file ('TDSh') goes on to the lead-in, which says what it is and what to ingest instead.
        if let head = try? file.readBytes(at: 0, count: min(4, (try? file.size()) ?? 0)), !TDMSLeadIn.hasTag(head),
           head != TDMSLeadIn.indexFileTag
        {
            throw RecordError(file: path, problem: "is not a TDMS file (it does not start with 'TDSm')")
        }
        let structure = try TDMSFileStructure(file: file, path: path)
        let layout = try TDMSRecordLayout(structure, path: path)
        let notes = Self.notes(structure.incompleteEnd, layout: layout)
        guard layout.sampleCount > 0 else {
            throw RecordError(file: path, problem: "holds no complete sample"
                + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")"),
                fix: "the file is truncated or the recording stopped before any data was written")
        }
        let root = structure.objects.first { $0.path.names.isEmpty }?.properties ?? []
        let group = structure.objects.first { $0.path.names == [layout.group] }?.properties ?? []
        var merged = root.filter { r in !group.contains { $0.name == r.name } }
        merged.append(contentsOf: group)
        let silixa = try SilixaTDMSProperties(value: { name in merged.last { $0.name == name }?.value },
                                              channelCount: layout.channels.count, path: path)
        metadata = RecordMetadata(
            format: ([Self.formatName] + notes).joined(separator: "; "),
            channelCount: layout.channels.count, sampleCount: layout.sampleCount,
            samplingRateHz: silixa.samplingRateHz, startTimeNs: silixa.startTimeNs,
            channelPositions: silixa.channelPositions, units: nil, gaugeLengthM: silixa.gaugeLengthM,
            vendor: "Silixa iDAS" + (silixa.version.map { " \($0)" } ?? ""), storedType: layout.type.storedType)
        self.notes = notes
        self.layout = layout
        self.file = file
        groupName = layout.group
        channelNames = layout.channels.map { $0.channel ?? "" }
        properties = merged
    }

    /// Says how much of an incomplete last segment was read, in samples (what a user can check against the
    /// instrument's file length) rather than bytes.
    static func notes(_ end: TDMSIncompleteEnd?, layout: TDMSRecordLayout) -> [String] {
        guard let end else { return [] }
        let rowBytes = layout.channels.count * layout.type.byteWidth
        switch end.part {
        case .leadIn, .metadata:
            return ["the file ends inside the \(end.part.rawValue) of segment \(end.segment) (byte \(end.offset)): "
                + "the \(layout.sampleCount) samples of the complete segments before it are read"]
        case .rawData:
            let read = end.segment < layout.samplesPerSegment.count ? layout.samplesPerSegment[end.segment] : 0
            var note = "incomplete last segment: "
            if let declared = end.declaredRawBytes, rowBytes > 0 {
                note += "\(read) of the \(declared / rowBytes) samples its lead-in declares are in the file"
            } else {
                note += "its length was never written (recording interrupted); its \(read) complete samples are read"
            }
            if end.droppedBytes > 0 {
                note += ", \(end.droppedBytes) bytes of a partial \(end.interleaved ? "sample" : "chunk") dropped"
            }
            return [note]
        }
    }

    /// Samples `range` of every channel, as channels × samples. Reads only the blocks the range touches: for an
    /// interleaved block one positioned read of the rows, then a transpose; for a contiguous chunk one read per
    /// channel of just the range. Specialised for the store's element types: unspecialised, the transpose moves
    /// every value through the generic value witnesses (12 % of an ingest's time in a profile).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    public func read<T: StorableScalar>(samples range: Range<Int>, as type: T.Type) throws -> Array2D<T> {
        guard range.lowerBound >= 0, range.upperBound <= layout.sampleCount else {
            throw RecordError(file: path, problem: "samples \(range) were asked for, but the channels hold "
                + "\(layout.sampleCount) samples", fix: "ask for a range inside 0..<\(layout.sampleCount)")
        }
        let channelCount = layout.channels.count
        let width = layout.type.byteWidth
        var pieces: [(count: Int, values: [T])] = []  // channels × count each, in sample order
        do {
            for block in layout.blocks(overlapping: range) {
                let first = max(range.lowerBound, block.firstSample) - block.firstSample
                let count = min(range.upperBound, block.samples.upperBound) - block.firstSample - first
                if block.interleaved {
                    let rows: [T] = try layout.type.read(file, count: count * channelCount,
                                                         at: block.offset + first * channelCount * width,
                                                         order: block.order)
                    pieces.append((count, Transpose.transposed(rows, rows: count, columns: channelCount)))
                } else {
                    var values: [T] = []
                    values.reserveCapacity(count * channelCount)
                    for channel in 0..<channelCount {
                        values.append(contentsOf: try layout.type.read(
                            file, count: count, at: block.offset + (channel * block.sampleCount + first) * width,
                            order: block.order) as [T])
                    }
                    pieces.append((count, values))
                }
            }
        } catch let error as NativeError {
            throw RecordError(file: path, problem: "cannot be read: \(error.detail)",
                              fix: "the file changed or was truncated after it was opened; copy it again")
        }
        if pieces.count == 1 { return Array2D(rows: channelCount, columns: range.count, values: pieces[0].values) }
        var values: [T] = []
        values.reserveCapacity(channelCount * range.count)
        for channel in 0..<channelCount {
            for piece in pieces {
                values.append(contentsOf: piece.values[(channel * piece.count)..<((channel + 1) * piece.count)])
            }
        }
        return Array2D(rows: channelCount, columns: range.count, values: values)
    }
}
