import DistSwiftIO
import DistSwiftNative
import DistSwiftTestSupport
import Foundation
import Testing

/// Counts the bytes read through a storage location, to show that channel-block reads touch only their block.
final class CountingLocation: StorageLocation, @unchecked Sendable {
    let base: LocalStorage
    private let lock = NSLock()
    private var _bytesRead = 0
    var bytesRead: Int { lock.withLock { _bytesRead } }

    init(_ base: LocalStorage) { self.base = base }

    var description: String { base.description }
    func address(of path: String) -> String { base.address(of: path) }
    func list(_ path: String) throws -> [StorageEntry] { try base.list(path) }
    func listFiles(recursivelyUnder path: String) throws -> [String] { try base.listFiles(recursivelyUnder: path) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func openForReading(_ path: String) throws -> any RandomAccessReader {
        CountingReader(inner: try base.openForReading(path), owner: self)
    }
    func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws {
        try base.writeAtomically(path, body)
    }
    func makeFolder(_ path: String) throws { try base.makeFolder(path) }
    func remove(_ path: String) throws { try base.remove(path) }
    func localPath(of path: String) -> String? { base.localPath(of: path) }
    func sublocation(_ path: String) throws -> any StorageLocation { try base.sublocation(path) }
    func add(_ n: Int) { lock.withLock { _bytesRead += n } }
}

struct CountingReader: RandomAccessReader, @unchecked Sendable {
    let inner: any RandomAccessReader
    let owner: CountingLocation
    var address: String { inner.address }
    func size() throws -> Int { try inner.size() }
    func readBytes(at offset: Int, count: Int) throws -> [UInt8] {
        owner.add(count)
        return try inner.readBytes(at: offset, count: count)
    }
    func read<T: NativeScalar>(_ type: T.Type, count: Int, at offset: Int) throws -> [T] {
        owner.add(count * MemoryLayout<T>.stride)
        return try inner.read(type, count: count, at: offset)
    }
}

@Suite("NPY format handling")
struct NPYFormatTests {
    @Test("a channel block reads only that block's bytes, not the whole chunk")
    func channelBlockReadsOnlyTheBlock() throws {
        let folder = try TemporaryFolder()
        let channels = 2000, samples = 1000
        let values = (0..<(channels * samples)).map { Float($0 % 65_521) }
        try NPYWriter.write(Array2D(rows: channels, columns: samples, values: values),
                            to: LocalStorage(root: folder.path), path: "chunk.npy")
        let counting = CountingLocation(LocalStorage(root: folder.path))
        let file = try NPYArrayFile(location: counting, path: "chunk.npy")
        let headerBytes = counting.bytesRead
        let block = try file.readRows(1500..<1600, as: Float.self)
        #expect(block.values == Array(values[(1500 * samples)..<(1600 * samples)]))
        let blockBytes = 100 * samples * 4
        #expect(counting.bytesRead - headerBytes == blockBytes)
        #expect(headerBytes < 70_000)  // the header probe, not the 8 MB chunk
    }

    @Test("conversions: int16 chunks read as float32 and float64 exactly")
    func conversions() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        let raw: [Int16] = [-32768, -1, 0, 1, 32767, 1234]
        try NPYWriter.write(Array2D(rows: 2, columns: 3, values: raw), to: location, path: "raw.npy",
                            byteOrder: .big)
        let file = try NPYArrayFile(location: location, path: "raw.npy")
        #expect(try file.read(as: Float.self).values == raw.map(Float.init))
        #expect(try file.read(as: Double.self).values == raw.map(Double.init))
        #expect(try file.read(as: Int16.self).values == raw)
    }

    @Test("a truncated file is refused with its size and the size its header needs")
    func truncatedFile() throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        try NPYWriter.write(Array2D(rows: 10, columns: 10, values: [Double](repeating: 1, count: 100)),
                            to: location, path: "a.npy")
        let bytes = try location.readAll("a.npy")
        try location.write("cut.npy", bytes: Array(bytes.prefix(bytes.count - 8)))
        do {
            _ = try NPYArrayFile(location: location, path: "cut.npy")
            Issue.record("a truncated file was accepted")
        } catch let error as NPYFormatError {
            #expect(error.description.contains("cut.npy"))
            #expect(error.description.contains("truncated"))
        }
    }

    @Test("non-NPY files and unsupported dtypes get clear errors", arguments: [
        ("not numpy at all, just text", "not a NumPy .npy file"),
        ("\u{93}NUMPY\u{01}\u{00}F\u{00}{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }", "not supported"),
    ])
    func badFiles(content: String, message: String) throws {
        let folder = try TemporaryFolder()
        let location = LocalStorage(root: folder.path)
        var bytes = Array(content.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        bytes += [UInt8](repeating: 0, count: 64)
        try location.write("bad.npy", bytes: bytes)
        do {
            _ = try NPYArrayFile(location: location, path: "bad.npy")
            Issue.record("accepted a bad file")
        } catch {
            #expect("\(error)".contains(message))
            #expect("\(error)".contains("bad.npy"))
        }
    }
}
