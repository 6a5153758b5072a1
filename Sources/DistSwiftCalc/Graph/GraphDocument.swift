import DistSwiftIO
import Foundation

/// distpy's command-graph JSON, as written: `document`, `name`, `description`, `command_list` of entries with
/// `name`, `uid`, `in_uid`, optional `gather_uids` and the command's own parameters. Node 0 is the chunk.
public struct GraphDocument: Sendable {
    public struct Entry: Sendable {
        /// Position in `command_list` (0-based), for messages: `command_list[3]`.
        public let index: Int
        public let name: String?
        public let uid: Int?
        public let inUID: Int?
        public let gatherUIDs: [Int]
        /// Every key of the entry (parameters included), as written.
        public let fields: [String: JSONValue]

        public var path: String { "command_list[\(index)]" }
    }

    public let file: String
    public let name: String?
    public let description: String?
    public let documentMode: Bool
    public let entries: [Entry]
    /// Top-level keys distpy reads (kept so `describe` can show them).
    public let topLevel: [String: JSONValue]

    /// Keys every entry may carry besides the command's parameters.
    public static let entryKeys: Set<String> = ["name", "uid", "in_uid", "gather_uids", "comment", "formatting",
                                                 "plot_type", "band00"]
    /// Top-level keys distpy understands.
    public static let topLevelKeys: Set<String> = ["document", "name", "description", "command_list", "BOXSIZE",
                                                    "verbose", "inline_plots", "precision"]

    /// Reads a graph file. Structural problems (not JSON, no command_list, a system config handed over instead)
    /// throw; everything about the entries is left to `GraphValidator`, which reports all problems at once.
    public static func load(path: String) throws -> GraphDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: nil, problem: "cannot be read (no such file, or no permission)")
        }
        return try parse(data: data, file: path)
    }

    public static func parse(data: Data, file: String) throws -> GraphDocument {
        let root = try JSONValue.parse(data, source: file)
        guard let object = root.objectValue else {
            throw ConfigError(file: file, key: nil, problem: "must hold a JSON object, not \(root.typeName)")
        }
        guard let list = object["command_list"] else {
            if let key = ["in_drive", "in_directory"].first(where: { object[$0] != nil }) {
                throw ConfigError(file: file, key: nil,
                                  problem: "is a system config (it has '\(key)'), not a command graph",
                                  fix: "pass the graph named by its \"config\" key, or run "
                                      + "`distswift process \((file as NSString).lastPathComponent)`")
            }
            throw ConfigError(file: file, key: "command_list", problem: "is missing",
                              fix: "a command graph is {\"command_list\": [{\"name\": \"fft\", \"uid\": 1, "
                                  + "\"in_uid\": 0}, …]}")
        }
        guard case .array(let items) = list else {
            throw ConfigError(file: file, key: "command_list", problem: "must be a list, not \(list.typeName)")
        }
        var entries: [Entry] = []
        for (index, item) in items.enumerated() {
            let fields = item.objectValue ?? [:]
            func int(_ key: String) -> Int? {
                if case .number(let d)? = fields[key], d == d.rounded(), abs(d) < 1e9 { return Int(d) }
                return nil
            }
            var gathers: [Int] = []
            if case .array(let g)? = fields["gather_uids"] {
                gathers = g.compactMap { if case .number(let d) = $0, d == d.rounded() { Int(d) } else { nil } }
            }
            var name: String?
            if case .string(let s)? = fields["name"] { name = s }
            entries.append(Entry(index: index, name: name, uid: int("uid"), inUID: int("in_uid"),
                                 gatherUIDs: gathers, fields: fields))
        }
        var name: String?, description: String?
        if case .string(let s)? = object["name"] { name = s }
        if case .string(let s)? = object["description"] { description = s }
        var document = false
        if case .number(let d)? = object["document"] { document = d != 0 }
        return GraphDocument(file: file, name: name, description: description, documentMode: document,
                             entries: entries, topLevel: object)
    }
}
