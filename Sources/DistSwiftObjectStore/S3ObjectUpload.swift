import Foundation

/// Writes one object from a stream of bytes so that it appears complete or not at all: small objects go up in one
/// PUT when `finish` is called; once more than `multipartThreshold` bytes have come, a multipart upload is
/// started and parts are sent as they fill, and the object appears only when `finish` completes the upload.
/// `abort` (or a failure) drops the parts, leaving no object and no parts behind. Memory: about one part.
public final class S3ObjectUpload {
    public let client: S3Client
    public let bucket: String
    public let key: String
    private var buffer = Data()
    private var uploadID: String?
    private var parts: [S3CompletedPart] = []
    private var finished = false

    /// S3 allows 10,000 parts; doubling the part size every 1,000 parts keeps objects of any size within that.
    static let partsPerSize = 1000

    public init(client: S3Client, bucket: String, key: String) {
        self.client = client
        self.bucket = bucket
        self.key = key
    }

    public var bytesBuffered: Int { buffer.count }

    public func append(_ bytes: [UInt8]) throws {
        precondition(!finished, "append after finish or abort")
        buffer.append(contentsOf: bytes)
        try sendFullParts()
    }

    public func append(_ bytes: Data) throws {
        precondition(!finished, "append after finish or abort")
        buffer.append(bytes)
        try sendFullParts()
    }

    /// Starts the multipart upload once the object outgrows one PUT, then sends every full part buffered.
    private func sendFullParts() throws {
        if uploadID == nil && buffer.count > client.configuration.multipartThreshold {
            do {
                uploadID = try client.createMultipartUpload(bucket: bucket, key: key)
            } catch {
                finished = true
                throw error
            }
        }
        // Parts are cut at offsets and the sent prefix dropped once: dropping it part by part would copy the rest
        // of the buffer for every part (quadratic for a chunk written in one call).
        var sent = 0
        while uploadID != nil && buffer.count - sent >= currentPartSize {
            let size = currentPartSize
            try sendPart(buffer.subdata(in: (buffer.startIndex + sent)..<(buffer.startIndex + sent + size)))
            sent += size
        }
        if sent > 0 { buffer.removeSubrange(buffer.startIndex..<(buffer.startIndex + sent)) }
    }

    /// Makes the object appear. On failure the upload is aborted and the error rethrown.
    public func finish() throws {
        precondition(!finished, "finish called twice")
        do {
            if let uploadID {
                if !buffer.isEmpty || parts.isEmpty { try sendPart(buffer) }
                try client.completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, parts: parts)
            } else {
                try client.putObject(bucket: bucket, key: key, body: buffer)
            }
            finished = true
            buffer = Data()
        } catch {
            abort()
            throw error
        }
    }

    /// Drops whatever was sent; nothing appears under the key. Best effort: an upload that cannot be aborted (the
    /// server gone) is left to the bucket's lifecycle rule for incomplete uploads.
    public func abort() {
        if !finished, let uploadID {
            try? client.abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
        }
        finished = true
        buffer = Data()
    }

    private var currentPartSize: Int {
        client.configuration.partSize << min(9, parts.count / Self.partsPerSize)
    }

    private func sendPart(_ bytes: Data) throws {
        guard let uploadID else { return }
        do {
            parts.append(try client.uploadPart(bucket: bucket, key: key, uploadID: uploadID,
                                               partNumber: parts.count + 1, body: bytes))
        } catch {
            abort()
            throw error
        }
    }
}
