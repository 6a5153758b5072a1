import Crypto
import DistSwiftIO
import Foundation

/// The SHA-256 of an input file, recorded when it is ingested so that a file rewritten in place with the same name
/// and size (a re-exported record, a repaired copy) is noticed on the next run instead of silently keeping the old
/// chunks. Read in blocks right after the ingest, when the file is still in the page cache.
public enum SourceDigest {
    /// The digest of a file on the local file system (an input file, or its staged copy).
    public static func sha256(ofFile path: String) throws -> String {
        let folder = LocalStorage(root: (path as NSString).deletingLastPathComponent)
        let reader = try folder.openForReading((path as NSString).lastPathComponent)
        let size = try reader.size()
        var hasher = SHA256()
        let block = 4 << 20
        var offset = 0
        while offset < size {
            let bytes = try reader.readBytes(at: offset, count: min(block, size - offset))
            hasher.update(data: bytes)
            offset += bytes.count
        }
        // Hex digits by table: `String(format:)` per byte cost more than hashing a small file.
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: hasher.finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] },
                      as: UTF8.self)
    }
}
