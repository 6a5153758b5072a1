/// A chunk store written out, one file per chunk, in a format a colleague's tool reads: PRODML 2.0 raw (DASCore,
/// xdas), SEG-Y rev 2 (segyio, ObsPy), DASCore's DASDAE, xdas's NetCDF-CF, miniSEED 2 (ObsPy). Every file carries the chunk's exact
/// start and the store's rate, and all but miniSEED (which has no place for them) the positions, so ingesting the
/// files again gives the store back (`ExportTests`).
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

    public init(store: ChunkStore, format: Format) {
        self.store = store
        self.format = format
    }

    /// The record of one chunk, as the writers need it.
    func metadata(_ chunk: ChunkRecord) -> RecordMetadata {
        let m = store.manifest
        return RecordMetadata(
            format: format.rawValue, channelCount: store.channelCount, sampleCount: chunk.samples,
            samplingRateHz: store.samplingRateHz, startTimeNs: chunk.startTimeNs,
            channelPositions: store.channelPositions, units: m?.units, gaugeLengthM: m?.gaugeLengthM,
            vendor: m?.vendor, storedType: store.dtype)
    }

    /// Writes every chunk to `output` (each file under a temporary name, renamed when complete) and returns the
    /// names written, in time order.
    public func export(to output: any StorageLocation) throws -> [String] {
        try store.chunks.map { chunk in
            let stem = chunk.file.hasSuffix(".npy") ? String(chunk.file.dropLast(4)) : chunk.file
            let name = stem + "." + format.fileExtension
            switch store.dtype {
            case .int16: try write(chunk, as: Int16.self, to: output, name: name)
            case .int32: try write(chunk, as: Int32.self, to: output, name: name)
            case .float32: try write(chunk, as: Float.self, to: output, name: name)
            case .float64: try write(chunk, as: Double.self, to: output, name: name)
            }
            return name
        }
    }

    private func write<T: StorableScalar>(_ chunk: ChunkRecord, as type: T.Type, to output: any StorageLocation,
                                          name: String) throws {
        let m = metadata(chunk)
        switch format {
        case .prodml:
            // PRODMLWriter writes float32, which holds int16 exactly; wider types would lose digits.
            guard store.dtype == .float32 || store.dtype == .int16 else {
                throw RecordError(file: output.address(of: name), problem: "PRODML export writes float32, which "
                    + "cannot hold this store's \(store.dtype.rawValue) samples exactly",
                    fix: "export to dasdae or segy, or ingest the store as float32")
            }
            let data = try store.read(chunk, as: Float.self)
            try PRODMLWriter.write(to: output, path: name, metadata: m) { range in
                Array2D(rows: data.rows, columns: range.count,
                        values: (0..<data.rows).flatMap { data.row($0).dropFirst(range.lowerBound).prefix(range.count) })
            }
        case .segy:
            let description = SEGYWriter.Description(
                samplingRateHz: m.samplingRateHz, startTimeNs: m.startTimeNs, channelPositions: m.channelPositions,
                units: m.units, vendor: m.vendor, gaugeLengthM: m.gaugeLengthM,
                comments: ["EXPORTED BY DISTSWIFT FROM CHUNK \(chunk.file)"])
            if store.dtype == .int16 {
                try SEGYWriter(format: .int16).write(try store.read(chunk, as: Int16.self), description, to: output,
                                                     path: name)
            } else {
                guard store.dtype == .float32 else {
                    throw RecordError(file: output.address(of: name), problem: "SEG-Y export writes IEEE float32 "
                        + "or int16, which cannot hold this store's \(store.dtype.rawValue) samples exactly",
                        fix: "export to dasdae, or ingest the store as float32")
                }
                try SEGYWriter(format: .ieeeFloat32).write(try store.read(chunk, as: Float.self), description,
                                                           to: output, path: name)
            }
        case .dasdae:
            try DASDAEWriter.write(to: output, path: name, metadata: m, data: try store.read(chunk, as: T.self))
        case .netcdf:
            try XdasNetCDFWriter.write(to: output, path: name, metadata: m, data: try store.read(chunk, as: T.self))
        case .mseed:
            try MiniSEEDWriter.write(to: output, path: name, metadata: m, data: try store.read(chunk, as: T.self))
        }
    }
}
