import DistSwiftObjectStore
import Foundation

/// Turns the drive paths of a system config into storage locations: `s3://bucket/prefix` into S3Storage, anything
/// else into LocalStorage. The S3 settings come from the config's optional `s3` object, then the AWS environment
/// variables and profile files of `environment`, so worker processes (started with the controller's environment,
/// locally or by Slurm) reach the same store with the same keys.
struct StorageLocationFactory {
    let settings: S3Settings
    let environment: [String: String]
    let faults: WriteFaults?
    /// One client for the input and the output location: they share its connections.
    private var client: S3Client?

    /// The keys of the `s3` object (the table in docs/configuration.md).
    static let s3Keys: [ConfigKeySpec] = [
        .init("endpoint", .string, "S3 API URL, e.g. http://127.0.0.1:8333 (default: AWS_ENDPOINT_URL_S3, "
              + "AWS_ENDPOINT_URL, the profile, else AWS in the region)"),
        .init("region", .string,
              "signing region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, else us-east-1)"),
        .init("profile", .string, "profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE; "
              + "environment keys first when unset)"),
        .init("path_style", .boolean, "true: http://endpoint/bucket/key; false: http://bucket.endpoint/key "
              + "(default: true for a custom endpoint)"),
    ]

    init(settings: S3Settings, environment: [String: String], faults: WriteFaults?) {
        self.settings = settings
        self.environment = environment
        self.faults = faults
    }

    static func isObjectStore(_ path: String) -> Bool { path.lowercased().hasPrefix(S3Location.scheme) }

    /// Object stores distswift does not speak (gs://, az://, http://…) are named as such instead of becoming a
    /// strange local folder.
    static func unsupportedScheme(_ path: String) -> String? {
        guard !isObjectStore(path), let range = path.range(of: "://") else { return nil }
        return String(path[..<range.lowerBound])
    }

    mutating func location(_ path: String) throws -> any StorageLocation {
        guard Self.isObjectStore(path) else { return LocalStorage(root: path, faults: faults) }
        guard let location = S3Location(path) else {
            throw S3ConfigurationError(problem: "'\(path)' names no bucket", fix: "write s3://BUCKET/PREFIX")
        }
        if client == nil {
            client = S3Client(configuration: try S3ConfigurationResolver.resolve(settings, environment: environment))
        }
        return S3Storage(client: client!, location: location)
    }

    /// Reads the system config's `s3` object, reporting its problems through the config's `reader`.
    static func parseSettings(_ config: JSONObjectReader) -> S3Settings {
        guard let reader = config.object("s3", fix: #"e.g. "s3": {"endpoint": "http://127.0.0.1:8333", "path_style": true}"#)
        else { return S3Settings() }
        var settings = S3Settings()
        // In key order; a null value stands for a key not given, known or not.
        for (key, item) in reader.object.sorted(by: { $0.key < $1.key }) where item != .null {
            guard let spec = s3Keys.first(where: { $0.name == key }) else {
                reader.rejectUnknownKey(key, known: s3Keys.map(\.name),
                                        otherwise: "known keys: " + s3Keys.map(\.name).joined(separator: ", "))
                continue
            }
            switch (spec.kind, item) {
            case (.string, .string(let text)):
                if spec.name == "endpoint" { settings.endpoint = text }
                if spec.name == "region" { settings.region = text }
                if spec.name == "profile" { settings.profile = text }
            case (.boolean, .bool(let flag)):
                settings.pathStyle = flag
            default:
                reader.problem(key, "must be a \(spec.kind.rawValue), not \(item.typeName)")
            }
        }
        return settings
    }
}
