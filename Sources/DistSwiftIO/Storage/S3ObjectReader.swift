import DistSwiftNative
import DistSwiftObjectStore
import Foundation

/// Positioned reads of one S3 object with range GETs. Readers that parse headers (NPY, SEG-Y) make many small
/// reads near each other; each small read fetches a window of `readAhead` bytes instead, and the last few windows
/// are kept, so a header costs one request. Large reads go straight to the server.
final class S3ObjectReader: RandomAccessReader, @unchecked Sendable {
    let client: S3Client
    let bucket: String
    let key: String
    let objectSize: Int
    // Mutable cache state, guarded by `lock` (readers may be shared between threads).
    private let lock = NSLock()
    private var windows: [(offset: Int, bytes: Data)] = []

    static let readAhead = 256 << 10
    static let keptWindows = 4

    init(client: S3Client, bucket: String, key: String, objectSize: Int) {
        self.client = client
        self.bucket = bucket
        self.key = key
        self.objectSize = objectSize
    }

    var address: String { client.address(bucket: bucket, key: key) }

    func size() throws -> Int { objectSize }

    func readBytes(at offset: Int, count: Int) throws -> [UInt8] {
        let data = try read(at: offset, count: count)
        return [UInt8](data)
    }

    func read<T: NativeScalar>(_ type: T.Type, count: Int, at offset: Int) throws -> [T] {
        [T](nativeBytes: try read(at: offset, count: count * MemoryLayout<T>.stride))
    }

    private func read(at offset: Int, count: Int) throws -> Data {
        precondition(offset >= 0 && count >= 0)
        guard offset + count <= objectSize else {
            throw NativeError("read", path: address, detail: "\(count) bytes at offset \(offset) run past the end "
                + "of the \(objectSize)-byte object")
        }
        if count == 0 { return Data() }
        if let cached = cachedBytes(at: offset, count: count) { return cached }
        if count >= Self.readAhead { return try fetch(offset..<(offset + count)) }
        let window = offset..<min(objectSize, offset + Self.readAhead)
        let bytes = try fetch(window)
        lock.withLock {
            windows.append((window.lowerBound, bytes))
            if windows.count > Self.keptWindows { windows.removeFirst() }
        }
        let start = bytes.startIndex + (offset - window.lowerBound)
        return Data(bytes[start..<(start + count)])
    }

    private func cachedBytes(at offset: Int, count: Int) -> Data? {
        lock.withLock {
            for window in windows.reversed()
            where window.offset <= offset && offset + count <= window.offset + window.bytes.count {
                let start = window.bytes.startIndex + (offset - window.offset)
                return Data(window.bytes[start..<(start + count)])
            }
            return nil
        }
    }

    private func fetch(_ range: Range<Int>) throws -> Data {
        let bytes = try client.getObject(bucket: bucket, key: key, range: range)
        guard bytes.count == range.count else {
            throw NativeError("read", path: address, detail: "asked for bytes "
                + "\(range.lowerBound)..<\(range.upperBound) and got \(bytes.count) bytes (the object changed while it was read?)")
        }
        return bytes
    }
}
