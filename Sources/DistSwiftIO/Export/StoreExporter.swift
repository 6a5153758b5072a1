/// A chunk store written out, one file per chunk or per `fileSeconds` of gap-free chunks, in a format a colleague's
/// tool reads: PRODML 2.0 raw (DASCore, xdas), SEG-Y rev 2 (segyio, ObsPy), DASCore's DASDAE, xdas's NetCDF-CF,
/// miniSEED 2 (ObsPy). Every file carries its first sample's exact time and the store's rate, and all but miniSEED
/// (which has no place for them) the positions, so ingesting the files again gives the store back (`ExportTests`).
public struct StoreExporter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case prodml, segy, dasdae, netcdf, mseed

        public var fileExtension: String {
            switch self {
            case .prodml, .dasdae: return "h5"
            case .segy: return "sgy"
            case .mseed: return "mseed"
            case .netcdf: return "nc"
            }
        }
    }

    public let store: ChunkStore
    public let format: Format
    /// Join consecutive, gap-free chunks into files of at most this many seconds; nil: one file per chunk.
    public let fileSeconds: Double?

    public init(store: ChunkStore, format: Format, fileSeconds: Double? = nil) {
        self.store = store
        self.format = format
        self.fileSeconds = fileSeconds
    }

    /// The chunks of each file, in time order: runs of chunks that follow each other without a gap (within half a
    /// sample), cut so that no file exceeds `fileSeconds` (a chunk longer than that is a file of its own).
    func pieces() -> [[ChunkRecord]] {
        guard let fileSeconds else { return store.chunks.map { [$0] } }
        let limit = Int((fileSeconds * store.samplingRateHz).rounded())
        let period = 1e9 / store.samplingRateHz
        var pieces: [[ChunkRecord]] = []
        for chunk in store.chunks {
            if let last = pieces.last?.last, let count = pieces.last.map({ $0.reduce(0) { $0 + $1.samples } }),
               count + chunk.samples <= limit,
               abs(Double(chunk.startTimeNs - last.startTimeNs) - Double(last.samples) * period) <= period / 2
            {
                pieces[pieces.count - 1].append(chunk)
            } else {
                pieces.append([chunk])
            }
        }
        return pieces
    }

    /// The record of one file's chunks, as the writers need it.
    func metadata(_ piece: [ChunkRecord]) -> RecordMetadata {
        let m = store.manifest
        return RecordMetadata(
            format: format.rawValue, channelCount: store.channelCount,
            sampleCount: piece.reduce(0) { $0 + $1.samples }, samplingRateHz: store.samplingRateHz,
            startTimeNs: piece[0].startTimeNs, channelPositions: store.channelPositions, units: m?.units,
            gaugeLengthM: m?.gaugeLengthM, vendor: m?.vendor, storedType: store.dtype)
    }

    /// The samples of one file's chunks side by side (channels × samples).
    func read<T: StorableScalar>(_ piece: [ChunkRecord], as type: T.Type) throws -> Array2D<T> {
        if piece.count == 1 { return try store.read(piece[0], as: type) }
        let parts = try piece.map { try store.read($0, as: type) }
        let columns = parts.reduce(0) { $0 + $1.columns }
        var values: [T] = []
        values.reserveCapacity(store.channelCount * columns)
        for channel in 0..<store.channelCount {
            for part in parts { values += part.row(channel) }
        }
        return Array2D(rows: store.channelCount, columns: columns, values: values)
    }

    /// Writes the store to `output` (each file under a temporary name, renamed when complete), named after each
    /// file's first chunk, and returns the names written, in time order.
    public func export(to output: any StorageLocation) throws -> [String] {
        try pieces().map { piece in
            let first = piece[0].file
            let stem = first.hasSuffix(".npy") ? String(first.dropLast(4)) : first
            let name = stem + "." + format.fileExtension
            switch store.dtype {
            case .int16: try write(piece, as: Int16.self, to: output, name: name)
            case .int32: try write(piece, as: Int32.self, to: output, name: name)
            case .float32: try write(piece, as: Float.self, to: output, name: name)
            case .float64: try write(piece, as: Double.self, to: output, name: name)
            }
            return name
        }
    }

    private func write<T: StorableScalar>(_ piece: [ChunkRecord], as type: T.Type, to output: any StorageLocation,
                                          name: String) throws {
        let m = metadata(piece)
        switch format {
        case .prodml:
            // PRODMLWriter writes float32, which holds int16 exactly; wider types would lose digits.
            guard store.dtype == .float32 || store.dtype == .int16 else {
                throw RecordError(file: output.address(of: name), problem: "PRODML export writes float32, which "
                    + "cannot hold this store's \(store.dtype.rawValue) samples exactly",
                    fix: "export to dasdae or segy, or ingest the store as float32")
            }
            let data = try read(piece, as: Float.self)
            try PRODMLWriter.write(to: output, path: name, metadata: m) { range in
                Array2D(rows: data.rows, columns: range.count,
                        values: (0..<data.rows).flatMap { data.row($0).dropFirst(range.lowerBound).prefix(range.count) })
            }
        case .segy:
            let description = SEGYWriter.Description(
                samplingRateHz: m.samplingRateHz, startTimeNs: m.startTimeNs, channelPositions: m.channelPositions,
                units: m.units, vendor: m.vendor, gaugeLengthM: m.gaugeLengthM,
                comments: ["EXPORTED BY DISTSWIFT FROM CHUNK \(piece[0].file)" + (piece.count > 1 ? " +\(piece.count - 1)" : "")])
            if store.dtype == .int16 {
                try SEGYWriter(format: .int16).write(try read(piece, as: Int16.self), description, to: output,
                                                     path: name)
            } else {
                guard store.dtype == .float32 else {
                    throw RecordError(file: output.address(of: name), problem: "SEG-Y export writes IEEE float32 "
                        + "or int16, which cannot hold this store's \(store.dtype.rawValue) samples exactly",
                        fix: "export to dasdae, or ingest the store as float32")
                }
                try SEGYWriter(format: .ieeeFloat32).write(try read(piece, as: Float.self), description,
                                                           to: output, path: name)
            }
        case .dasdae:
            try DASDAEWriter.write(to: output, path: name, metadata: m, data: try read(piece, as: T.self))
        case .netcdf:
            try XdasNetCDFWriter.write(to: output, path: name, metadata: m, data: try read(piece, as: T.self))
        case .mseed:
            try MiniSEEDWriter.write(to: output, path: name, metadata: m, data: try read(piece, as: T.self))
        }
    }
}
