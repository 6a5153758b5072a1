import CSegyio

/// A SEG-Y file opened with segyio: the binary header fields and the geometry segyio derives from them.
public final class SegyioFile: @unchecked Sendable {
    public let path: String
    private let handle: OpaquePointer
    private var binaryHeader = [CChar](repeating: 0, count: Int(SEGY_BINARY_HEADER_SIZE))

    public init(path: String) throws {
        guard let h = segy_open(path, "rb") else {
            throw NativeError("segyio open", path: path, detail: "cannot open the file")
        }
        handle = h
        self.path = path
        let status = segy_binheader(handle, &binaryHeader)
        if status != 0 {
            segy_close(handle)
            throw NativeError("segyio read binary header", path: path, detail: "segyio status \(status)")
        }
    }

    deinit { segy_close(handle) }

    /// A binary-header field by its SEG-Y byte position (e.g. 3217 for the sample interval).
    public func binaryField(_ bytePosition: Int32) throws -> Int32 {
        var value: Int32 = 0
        let status = segy_get_bfield(binaryHeader, bytePosition, &value)
        if status != 0 {
            throw NativeError("segyio binary field \(bytePosition)", path: path, detail: "segyio status \(status)")
        }
        return value
    }

    /// The sample format code (1 = IBM float, 5 = IEEE float, …) as segyio reads it.
    public var sampleFormat: Int32 { segy_format(binaryHeader) }

    /// Samples per trace as segyio reads it (with its rev-1 extended-field rules).
    public var samplesPerTrace: Int32 { segy_samples(binaryHeader) }
}
