/// What a HEAD of an object tells.
public struct S3ObjectInfo: Sendable, Equatable {
    public let size: Int
    public let etag: String?
}

/// One object of a listing.
public struct S3ListedObject: Sendable, Equatable {
    public let key: String
    public let size: Int
    /// The object's ETag as the listing gives it (a new one for every upload), when it does.
    public let etag: String?
}

/// One page of ListObjectsV2.
public struct S3ListPage: Sendable {
    public var objects: [S3ListedObject]
    /// The "folders" directly under the prefix when a delimiter was given, each ending with the delimiter.
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// The token that asks for the next page when the listing is truncated.
    public var nextContinuationToken: String?

    /// Reads a ListBucketResult; keys come URL-encoded when the request asked for encoding-type=url.
    public static func parse(_ root: S3XMLElement, urlEncodedKeys: Bool) -> S3ListPage? {
        guard root.name == "ListBucketResult" else { return nil }
        func key(_ text: String) -> String { urlEncodedKeys ? AWSURIEncoding.decode(text) : text }
        let objects = root.children("Contents").compactMap { item -> S3ListedObject? in
            guard let name = item.text(of: "Key") else { return nil }
            return S3ListedObject(key: key(name), size: Int(item.text(of: "Size") ?? "") ?? 0,
                                  etag: item.text(of: "ETag").flatMap { $0.isEmpty ? nil : $0 })
        }
        let prefixes = root.children("CommonPrefixes").compactMap { $0.text(of: "Prefix") }.map(key)
        let truncated = root.text(of: "IsTruncated") == "true"
        let token = root.text(of: "NextContinuationToken").flatMap { $0.isEmpty ? nil : $0 }
        return S3ListPage(objects: objects, commonPrefixes: prefixes, isTruncated: truncated,
                          nextContinuationToken: token)
    }
}

/// A part uploaded in a multipart upload.
public struct S3CompletedPart: Sendable, Equatable {
    public let number: Int
    public let etag: String
}
