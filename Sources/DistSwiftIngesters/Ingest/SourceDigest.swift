import Crypto
import DistSwiftNative

/// The SHA-256 of an input file, recorded when it is ingested so that a file rewritten in place with the same name
/// and size (a re-exported record, a repaired copy) is noticed on the next run instead of silently keeping the old
/// chunks. Read in blocks right after the ingest, when the file is still in the page cache.
public enum SourceDigest {
    public static func sha256(ofFile path: String) throws -> String {
        let file = try NativeFile.openForReading(path)
        defer { try? file.close() }
        let size = try file.size()
        var hasher = SHA256()
        let block = 4 << 20
        var offset = 0
        while offset < size {
            let bytes = try file.readBytes(at: offset, count: min(block, size - offset))
            hasher.update(data: bytes)
            offset += bytes.count
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

import Foundation
