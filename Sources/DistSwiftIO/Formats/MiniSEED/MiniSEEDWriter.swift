import DistSwiftNative

/// Writes a record as miniSEED 2, one trace per channel, packed by libmseed into 4096-byte big-endian records:
/// network "XX" (SEED's code for unregistered experiments), station = the channel number from 00001, empty location,
/// channel code `channelCode(rate:)`. Samples keep their values: float32 → FLOAT32, float64 → FLOAT64, int16/int32
/// → INT32 encoding. miniSEED has no place for channel positions (`MiniSEEDReader` reads them back as the channel
/// index) and times are µs, so a start with a sub-µs part is refused. The file appears under its name only when
/// complete.
public enum MiniSEEDWriter {
    /// SEED band code by rate (G ≥ 1 kHz, D ≥ 250 Hz, E ≥ 80 Hz, S ≥ 10 Hz, else L), instrument S (strain), and
    /// F (fibre) for the orientation, which SEED leaves to the network for non-directional sensors.
    static func channelCode(rate: Double) -> String {
        let band = rate >= 1000 ? "G" : rate >= 250 ? "D" : rate >= 80 ? "E" : rate >= 10 ? "S" : "L"
        return band + "SF"
    }

    public static func write<T: StorableScalar>(
        to location: any StorageLocation, path: String, metadata m: RecordMetadata, data: Array2D<T>
    ) throws {
        guard m.startTimeNs % 1000 == 0 else {
            throw RecordError(file: location.address(of: path), problem: "miniSEED 2 stores times in µs; the start "
                + "\(UTCTime.iso8601(m.startTimeNs)) has a sub-µs part", fix: "export to dasdae or segy instead")
        }
        guard data.rows <= 99_999 else {
            throw RecordError(file: location.address(of: path), problem: "\(data.rows) channels do not fit the "
                + "five-character station codes that number them")
        }
        var bytes: [UInt8] = []
        for channel in 0..<data.rows {
            let row = data.row(channel)
            let samples: MiniSEEDSamples
            switch T.elementType {
            case .float32: samples = .float32(row.map { Float(converting: $0.doubleValue) })
            case .float64: samples = .float64(row.map { $0.doubleValue })
            case .int16, .int32: samples = .int32(row.map { Int32($0.doubleValue) })
            }
            let station = String(repeating: "0", count: 5 - String(channel + 1).count) + String(channel + 1)
            do {
                bytes += try MiniSEEDFile.pack(network: "XX", station: station, location: "",
                                               channel: channelCode(rate: m.samplingRateHz),
                                               startTimeUs: m.startTimeNs / 1000, samplingRateHz: m.samplingRateHz,
                                               samples: samples)
            } catch let error as NativeError {
                throw RecordError(file: location.address(of: path), problem: "cannot be packed: \(error.detail)")
            }
        }
        try location.writeAtomically(path) { out in try out.write(bytes) }
    }
}
