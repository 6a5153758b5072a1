import DistSwiftObjectStore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One WITSML FBE log as read back from a file: the inverse of `WITSMLFBEDocument`, for `distswift stack`.
public struct WITSMLFBELog: Sendable, Equatable {
    /// `creationDate` in UTC (nanoseconds since the epoch), or nil when the file has none.
    public var creationTimeNs: Int64?
    /// The index curve's mnemonic as the file spells it (`DEPTH` or `LENGTH`) and its unit.
    public var depthMnemonic: String
    public var depthUnit: String
    /// The index curve's values, one per `<data>` row.
    public var depth: [Double]
    /// Every other curve, in the file's column order (the index curve removed, wherever it was).
    public var curves: [WITSMLCurve]
    /// `depth.count × curves.count`, row-major; NULL and empty values are NaN.
    public var values: [Double]
}

/// Reads distpy's WITSML 1.3.1.1 FBE files (`witsmlfbe.readFBE`'s input) with FoundationXML's streaming parser, which
/// keeps only what the log needs (`creationDate`, `nullValue`, each `logCurveInfo`, each `<data>` row) instead of
/// building the whole tree: a file holds one row per channel and a day of 1-s chunks is 86,400 files.
///
/// Differences from distpy's `readFBE` (distpy-reference §4.6, §7.3 #35, #38):
/// - curves are mapped by mnemonic: the index curve (`DEPTH` or `LENGTH`, any case) may be any column, not only
///   the first; the column order is the order of the `logCurveInfo` elements (distpy writes `columnIndex` values that
///   contradict each other, so they are not used);
/// - `creationDate` is read as UTC in both forms distpy writes (`…T12:00:00+00:00` and `…T12:00:00.000000Z`), and
///   any other offset is honoured, never the machine's local time zone;
/// - a value equal to the file's `nullValue` (distpy's files say `NULL`) or an empty value is NaN (distpy crashes on
///   `float('')`);
/// - every row must hold one value per declared curve: a row with another count is refused, naming the row.
public enum WITSMLFBEReader {
    /// Index-curve mnemonics, as distpy's `readFBE` skips them.
    public static let indexMnemonics: Set<String> = ["DEPTH", "LENGTH"]

    /// Reads the file at `path` in `location`; errors name the file.
    public static func read(location: any StorageLocation, path: String) throws -> WITSMLFBELog {
        let source = location.address(of: path)
        return try parse(Data(try location.readAll(path)), source: source)
    }

    /// Parses the text of one FBE file; `source` names it in errors.
    public static func parse(_ data: Data, source: String) throws -> WITSMLFBELog {
        // FoundationXML's parser crashes on some characters XML forbids (found by fuzzing): refused before it.
        guard XMLPreflight.isSafeToParse(data) else {
            throw WITSMLReadError(file: source, problem: "is not XML text (it holds bytes that are not UTF-8, or "
                                      + "control characters or processing instructions XML or WITSML do not use), so not a WITSML file",
                                  fix: "rewrite it with write_witsml, or remove it from the folder")
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else {
            let detail = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw WITSMLReadError(file: source, problem: "is not well-formed XML (line \(parser.lineNumber): \(detail))",
                                  fix: "rewrite it with write_witsml, or remove it from the folder")
        }
        // libxml2 accepts a document that simply stops (a file cut short by a crash or a full disk) without an
        // error: an element still open at the end means the file is truncated.
        if let open = collector.path.last {
            throw WITSMLReadError(file: source, problem: "is not well-formed XML (it ends inside <\(open)>: truncated)",
                                  fix: "rewrite it with write_witsml (rerun distswift process --force), or remove it")
        }
        return try collector.log(source: source)
    }

    /// Collects the parts of the document the log needs, as the parser streams by.
    private final class Collector: NSObject, XMLParserDelegate {
        struct CurveInfo { var mnemonic = "", unit = "", description = "" }
        var path: [String] = []
        var text = ""
        var wellLogs = 0
        var creationDate: String?
        var nullValue: String?
        var curveInfos: [CurveInfo] = []
        var rows: [String] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            let name = Self.localName(elementName)
            path.append(name)
            text = ""
            if name == "wellLog" { wellLogs += 1 }
            if name == "logCurveInfo" && path.dropLast().last == "wellLog" { curveInfos.append(CurveInfo()) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            let name = Self.localName(elementName)
            let parent = path.dropLast().last
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            switch (parent, name) {
            case ("wellLog", "creationDate"): creationDate = value
            case ("wellLog", "nullValue"): nullValue = value
            case ("logCurveInfo", "mnemonic") where inWellLogCurve: curveInfos[curveInfos.count - 1].mnemonic = value
            case ("logCurveInfo", "unit") where inWellLogCurve: curveInfos[curveInfos.count - 1].unit = value
            case ("logCurveInfo", "curveDescription") where inWellLogCurve:
                curveInfos[curveInfos.count - 1].description = value
            case ("logData", "data"): rows.append(value)
            default: break
            }
            path.removeLast()
            text = ""
        }

        /// Inside a `wellLog/logCurveInfo` (the only curve declarations the log uses).
        var inWellLogCurve: Bool { path.count >= 3 && path[path.count - 3] == "wellLog" && !curveInfos.isEmpty }

        static func localName(_ name: String) -> String {
            name.split(separator: ":").last.map(String.init) ?? name
        }

        func log(source: String) throws -> WITSMLFBELog {
            func failure(_ problem: String, _ fix: String) -> WITSMLReadError {
                WITSMLReadError(file: source, problem: problem, fix: fix)
            }
            guard wellLogs == 1 else {
                throw failure("holds \(wellLogs) wellLog elements; an FBE file holds exactly one",
                              "split it into one file per log")
            }
            guard !curveInfos.isEmpty else {
                throw failure("declares no curves (no logCurveInfo in its wellLog)", "rewrite it with write_witsml")
            }
            let mnemonics = curveInfos.map(\.mnemonic)
            let indexColumns = mnemonics.indices.filter {
                WITSMLFBEReader.indexMnemonics.contains(mnemonics[$0].uppercased())
            }
            guard indexColumns.count == 1, let indexColumn = indexColumns.first else {
                throw failure(indexColumns.isEmpty
                              ? "has no DEPTH or LENGTH curve among \(mnemonics)"
                              : "has \(indexColumns.count) index curves (DEPTH/LENGTH) among \(mnemonics)",
                              "an FBE log needs exactly one index curve named DEPTH or LENGTH")
            }
            if let duplicate = Dictionary(grouping: mnemonics, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
                throw failure("declares the curve '\(duplicate)' twice", "give every curve its own mnemonic")
            }
            var creationTimeNs: Int64?
            if let date = creationDate, !date.isEmpty {
                guard let ns = UTCTime.parse(date) else {
                    throw failure("has creationDate '\(date)', which is not an ISO 8601 time",
                                  "write it as 2020-02-29T12:00:00+00:00 or 2020-02-29T12:00:00.000000Z")
                }
                creationTimeNs = ns
            }
            let columns = curveInfos.count
            let null = nullValue ?? ""
            var depth: [Double] = []
            depth.reserveCapacity(rows.count)
            var values: [Double] = []
            values.reserveCapacity(rows.count * (columns - 1))
            for (r, row) in rows.enumerated() {
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count == columns else {
                    throw failure("row \(r + 1) of logData has \(fields.count) values but the file declares \(columns) "
                                  + "curves (\(mnemonics.joined(separator: ", ")))",
                                  "every <data> row needs one value per logCurveInfo")
                }
                for (c, field) in fields.enumerated() {
                    let text = field.trimmingCharacters(in: .whitespaces)
                    let value: Double
                    if text.isEmpty || (!null.isEmpty && text == null) {
                        value = .nan
                    } else if let v = Double(text) {
                        value = v
                    } else {
                        throw failure("row \(r + 1), curve \(mnemonics[c]) has the value '\(text)', which is not a number",
                                      "write numbers as Python prints them, or \(null.isEmpty ? "leave it empty" : null) for no value")
                    }
                    if c == indexColumn {
                        guard value.isFinite else {
                            throw failure("row \(r + 1) has no \(mnemonics[c]) value ('\(text)')",
                                          "every row needs its depth")
                        }
                        depth.append(value)
                    } else {
                        values.append(value)
                    }
                }
            }
            let curves = curveInfos.enumerated().filter { $0.offset != indexColumn }.map {
                WITSMLCurve(mnemonic: $0.element.mnemonic, unit: $0.element.unit, description: $0.element.description)
            }
            return WITSMLFBELog(creationTimeNs: creationTimeNs, depthMnemonic: mnemonics[indexColumn],
                                depthUnit: curveInfos[indexColumn].unit, depth: depth, curves: curves, values: values)
        }
    }
}

/// A WITSML file that cannot be read: names the file, the problem, and the fix.
public struct WITSMLReadError: ProblemKind {
    public let file: String
    public let base: Problem

    public init(file: String, problem: String, fix: String) {
        self.file = file
        base = Problem(where: file, problem, fix: fix)
    }
}
