import Foundation

/// A fresh folder under the system's temporary directory, removed when the value is released.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "distswift-test") throws {
        path = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    public func file(_ name: String) -> String { path + "/" + name }

    public func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: false, encoding: .utf8)
        return target
    }

    /// A distpy-style project: `files` in the input location `archive/well/raw` and `system.json` pointing at it,
    /// with the store at `work/well/store`. Returns the config's path.
    public func project(files: [String: Data]) throws -> String {
        let input = file("archive/well/raw")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for (name, data) in files { try data.write(to: URL(fileURLWithPath: input + "/" + name)) }
        return try write("system.json", """
            {"in_drive": "archive", "out_drive": "work", "project": "well", "data": "raw", "results": "store"}
            """)
    }
}
