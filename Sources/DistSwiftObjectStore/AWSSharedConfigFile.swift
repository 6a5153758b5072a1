import Foundation

/// The AWS CLI's shared files, `~/.aws/credentials` and `~/.aws/config`: INI sections of `key = value` lines.
/// A key with an empty value followed by indented lines is a nested block (`s3 =` / `  addressing_style = path`),
/// read as `s3.addressing_style`.
public struct AWSSharedConfigFile: Sendable {
    public let path: String
    /// Section name → keys (lower-cased) → values.
    public let sections: [String: [String: String]]

    /// Reads `path`; nil when there is no such file.
    public static func load(_ path: String) -> AWSSharedConfigFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return AWSSharedConfigFile(path: path, text: String(decoding: data, as: UTF8.self))
    }

    public init(path: String, text: String) {
        self.path = path
        var sections: [String: [String: String]] = [:]
        var section: String?
        var nestedParent: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                nestedParent = nil
                continue
            }
            guard let section, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let indented = rawLine.first.map { $0 == " " || $0 == "\t" } ?? false
            if indented, let parent = nestedParent {
                sections[section, default: [:]][parent + "." + key] = value
            } else {
                nestedParent = value.isEmpty ? key : nil
                if !value.isEmpty { sections[section, default: [:]][key] = value }
            }
        }
        self.sections = sections
    }
}
