import DistSwiftIO
import Foundation
import Synchronization

/// The growing picks table of a watch: every pick so far of a `write_picks` folder, in one CSV
/// (`{FOLDER}_picks.csv`, the per-chunk files' columns) and one QuakeML document (`{FOLDER}_picks.xml`), each
/// rewritten atomically when a chunk's picks changed.
///
/// The table is rebuilt from the per-chunk files (`{FOLDER}/{chunk}.csv`, `.xml`), which the engine rewrites in
/// place when a chunk is processed again: a provisional chunk's picks are replaced by its final ones, a chunk
/// done again after a restart or for a late file is still there once, and a restarted watch starts from the
/// files, not from memory — so the table never holds a pick twice. Each chunk's rows are read once and kept
/// (with the file's change stamp); an update lists the folder and reads only the files that changed.
final class LivePicksTable: Sendable {
    let folder: String

    private struct Chunk {
        var stamp: String?
        var size: Int
        var csvRows: String
        var picksXML: String
    }

    private let chunks = Mutex<[String: Chunk]>([:])

    init(folder: String) {
        self.folder = folder
    }

    var csvName: String { folder + "_picks.csv" }
    var xmlName: String { folder + "_picks.xml" }

    /// Rewrites both files when any chunk's picks changed since the last update; returns whether it did.
    func update(results: any StorageLocation) throws -> Bool {
        guard results.exists(folder) else { return false }
        let listed = try results.list(folder).filter { !$0.isFolder && $0.name.hasSuffix(".csv") }
        var changed = false
        var current: [String: Chunk] = chunks.withLock { $0 }
        let names = Set(listed.map { String($0.name.dropLast(4)) })
        if current.keys.contains(where: { !names.contains($0) }) {
            current = current.filter { names.contains($0.key) }
            changed = true
        }
        for entry in listed {
            let name = String(entry.name.dropLast(4))
            let path = folder + "/" + entry.name
            let xmlPath = folder + "/" + name + ".xml"
            // Both files' stamps: the writer renames the CSV into place before the XML, and an update in between
            // must not keep the old XML.
            let stamp = results.changeStamp(path).map { $0 + "|" + (results.changeStamp(xmlPath) ?? "") }
            if let known = current[name], known.size == entry.size, known.stamp == stamp, stamp != nil { continue }
            let csv = String(decoding: try results.readAll(path), as: UTF8.self)
            let xml = results.exists(xmlPath) ? String(decoding: try results.readAll(xmlPath), as: UTF8.self) : ""
            current[name] = Chunk(stamp: stamp, size: entry.size, csvRows: Self.rows(ofCSV: csv),
                                  picksXML: Self.picks(ofQuakeML: xml))
            changed = true
        }
        let known = current
        chunks.withLock { $0 = known }
        guard changed || !results.exists(csvName) else { return false }
        // Chunks in time order: their names are their start times (seconds since 1970).
        let ordered = known.keys.sorted { (Double($0) ?? .infinity, $0) < (Double($1) ?? .infinity, $1) }
        var csv = "time_utc,time_ns,channel,distance_m,kind\n"
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <q:quakeml xmlns="http://quakeml.org/xmlns/bed/1.2" xmlns:q="http://quakeml.org/xmlns/quakeml/1.2">
              <eventParameters publicID="smi:local/distswift/picks/\(folder)">

            """
        for name in ordered {
            csv += known[name]!.csvRows
            xml += known[name]!.picksXML
        }
        xml += "  </eventParameters>\n</q:quakeml>\n"
        try results.write(csvName, bytes: Array(csv.utf8))
        try results.write(xmlName, bytes: Array(xml.utf8))
        return true
    }

    /// A per-chunk CSV without its header line.
    static func rows(ofCSV text: String) -> String {
        guard let newline = text.firstIndex(of: "\n") else { return "" }
        return String(text[text.index(after: newline)...])
    }

    /// The `<pick>` elements of a per-chunk QuakeML document (the lines inside its eventParameters).
    static func picks(ofQuakeML text: String) -> String {
        guard let open = text.range(of: "<eventParameters"),
              let start = text[open.upperBound...].firstIndex(of: "\n"),
              let end = text.range(of: "  </eventParameters>", options: .backwards),
              text.index(after: start) <= end.lowerBound else { return "" }
        return String(text[text.index(after: start)..<end.lowerBound])
    }
}
