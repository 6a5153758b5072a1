import DistSwiftNative

/// What the readers' sniffs look at: the file's path and, for an HDF5 file, the file opened once for all of them
/// (`RecordFormats.open` asks up to nine HDF5 layouts; each opening the file again would cost nine opens per file).
public struct RecordProbe {
    public let path: String
    /// The file opened as HDF5; nil when it is not an HDF5 file or cannot be opened as one.
    public let hdf5: HDF5File?

    public init(path: String) {
        self.path = path
        hdf5 = HDF5File.isHDF5(path) ? try? HDF5File.open(path) : nil
    }
}
