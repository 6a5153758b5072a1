import DistSwiftNative
import DistSwiftObjectStore
import Foundation

/// A storage location in an S3 bucket below a key prefix (`s3://bucket/prefix`): folders are key prefixes ending
/// in '/', files are objects. Everything LocalStorage does, with these differences:
/// - writes are atomic by S3's nature: the object appears when its PUT (or its multipart upload) completes, so no
///   temporary names are needed, and a failed write leaves nothing (an unfinished multipart upload is aborted);
/// - appends rewrite the whole object (S3 has no append; the run journal is small);
/// - `makeFolder` writes an empty `prefix/` marker object so that an empty folder exists;
/// - `localPath` is nil: libraries that need a real file (HDF5, segyio, TDMS) get a local scratch copy
///   (`withLocalFile`, `writeAtomically(_:viaTemporaryFile:)`).
public struct S3Storage: StorageLocation {
    public let client: S3Client
    public let location: S3Location

    public init(client: S3Client, location: S3Location) {
        self.client = client
        self.location = location
    }

    public var description: String { location.description }

    private func key(_ path: String) throws -> String { location.key(try normalizedStoragePath(path)) }

    public func address(of path: String) -> String {
        let relative = (try? normalizedStoragePath(path)) ?? path
        return location.appending(relative).description
    }

    public func localPath(of path: String) -> String? { nil }

    public func list(_ path: String) throws -> [StorageEntry] {
        let folder = try key(path)
        let prefix = folder.isEmpty ? "" : folder + "/"
        let listing = try client.listObjects(bucket: location.bucket, prefix: prefix, delimiter: "/")
        var entries: [StorageEntry] = []
        for object in listing.objects {
            let name = String(object.key.dropFirst(prefix.count))
            // "" is the folder's own marker.
            if name.isEmpty || isTemporaryStorageName(name) { continue }
            entries.append(StorageEntry(name: name, isFolder: false, size: object.size, changeStamp: object.etag))
        }
        for common in listing.commonPrefixes {
            let name = String(common.dropFirst(prefix.count).dropLast())
            if !name.isEmpty { entries.append(StorageEntry(name: name, isFolder: true, size: 0)) }
        }
        if listing.objects.isEmpty && listing.commonPrefixes.isEmpty && !prefix.isEmpty {
            throw NativeError("list folder", path: address(of: path), detail: "it does not exist (no objects under it)")
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func listFiles(recursivelyUnder path: String) throws -> [String] {
        let folder = try key(path)
        let prefix = folder.isEmpty ? "" : folder + "/"
        let listing = try client.listObjects(bucket: location.bucket, prefix: prefix)
        if listing.objects.isEmpty && !prefix.isEmpty {
            throw NativeError("list folder", path: address(of: path), detail: "it does not exist (no objects under it)")
        }
        return listing.objects.map { String($0.key.dropFirst(prefix.count)) }
            .filter { name in
                !name.isEmpty && !name.hasSuffix("/")
                    && !name.split(separator: "/").contains { isTemporaryStorageName(String($0)) }
            }
            .sorted()
    }

    /// True for an object, and for a folder (any object under `path/`).
    public func exists(_ path: String) -> Bool {
        guard let objectKey = try? key(path) else { return false }
        if objectKey.isEmpty { return true }
        if (try? client.headObject(bucket: location.bucket, key: objectKey)) != nil { return true }
        let under = try? client.listObjectsPage(bucket: location.bucket, prefix: objectKey + "/", maxKeys: 1)
        return !(under?.objects.isEmpty ?? true)
    }

    public func openForReading(_ path: String) throws -> any RandomAccessReader {
        let objectKey = try key(path)
        guard let info = try client.headObject(bucket: location.bucket, key: objectKey) else {
            throw NativeError("open for reading", path: address(of: path), detail: "no such object")
        }
        return S3ObjectReader(client: client, bucket: location.bucket, key: objectKey, objectSize: info.size)
    }

    public func writeAtomically(_ path: String, _ body: (any SequentialWriter) throws -> Void) throws {
        let upload = S3ObjectUpload(client: client, bucket: location.bucket, key: try key(path))
        do {
            try body(S3ObjectWriter(upload: upload))
            try upload.finish()
        } catch {
            upload.abort()
            throw error
        }
    }

    /// S3 cannot append: the object is read and written back whole with the entry added (two requests, and bytes
    /// that grow with the journal; fine for run journals of up to some ten thousand tasks). One writer per object:
    /// each shard of a run appends to a journal of its own.
    public func appendDurably(_ path: String, bytes: [UInt8]) throws {
        let objectKey = try key(path)
        var content: Data
        do {
            content = try client.getObject(bucket: location.bucket, key: objectKey)
        } catch let error as S3Error where error.status == 404 && error.code != "NoSuchBucket" {
            content = Data()
        }
        content.append(contentsOf: bytes)
        try client.putObject(bucket: location.bucket, key: objectKey, body: content)
    }

    /// The object's ETag (a new one for every upload).
    public func changeStamp(_ path: String) -> String? {
        guard let key = try? key(path) else { return nil }
        return (try? client.headObject(bucket: location.bucket, key: key))??.etag
    }

    public func makeFolder(_ path: String) throws {
        let folder = try key(path)
        guard !folder.isEmpty else { return }
        try client.putObject(bucket: location.bucket, key: folder + "/", body: Data())
    }

    /// Removes an object, or a folder with everything under it (as LocalStorage does).
    public func remove(_ path: String) throws {
        let objectKey = try key(path)
        guard !objectKey.isEmpty else {
            throw NativeError("remove", path: address(of: path), detail: "refusing to remove a whole storage location")
        }
        try client.deleteObject(bucket: location.bucket, key: objectKey)
        for object in try client.listObjects(bucket: location.bucket, prefix: objectKey + "/").objects {
            try client.deleteObject(bucket: location.bucket, key: object.key)
        }
    }

    public func sublocation(_ path: String) throws -> any StorageLocation {
        S3Storage(client: client, location: location.appending(try normalizedStoragePath(path)))
    }
}

/// The SequentialWriter of an S3 upload.
final class S3ObjectWriter: SequentialWriter {
    let upload: S3ObjectUpload

    init(upload: S3ObjectUpload) { self.upload = upload }

    func write(_ bytes: [UInt8]) throws { try upload.append(bytes) }

    func write<T: NativeScalar>(_ values: [T]) throws { try upload.append(values.nativeBytes) }
}
