import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One data curve of a WITSML FBE log (a column after DEPTH).
public struct WITSMLCurve: Sendable, Equatable {
    public var mnemonic: String
    public var unit: String
    public var description: String

    public init(mnemonic: String, unit: String = "unitless", description: String) {
        self.mnemonic = mnemonic
        self.unit = unit
        self.description = description
    }

    /// distpy's `witsmlfbe.generic_curves(low_freq, high_freq, prf)`: curve 0 is the whole band (band-00), curve
    /// a+1 the band low[a]…high[a], named with Python's `str()` of the numbers (so `-1` gives `band_01_200--1`).
    public static func genericCurves(low: [Double], high: [Double], prf: String) -> [WITSMLCurve] {
        var curves = [WITSMLCurve(mnemonic: "band_0-nyquist", description: "from 0 Hz to Nyquist Hz (prf=\(prf))")]
        for (a, (lo, hi)) in zip(low, high).enumerated() {
            let l = PythonNumberText.jsonNumber(lo), h = PythonNumberText.jsonNumber(hi)
            // distpy pads the band number to two digits only below 10 ("band_09_…", then "band_10_…").
            let number = a < 9 ? "0\(a + 1)" : "\(a + 1)"
            curves.append(WITSMLCurve(mnemonic: "band_\(number)_\(l)-\(h)",
                                      description: "from \(l) Hz to \(h) Hz (prf=\(prf))"))
        }
        return curves
    }
}

/// The WITSML 1.3.1.1 "FBE" document distpy writes (`witsmlfbe.witsml_fbe` + `writeFBE`), element for element:
/// Techlog and the users' own loaders read these files, so the structure, the constants (well `FBR01`, the fixed
/// wellLog uid, `uidRef` on wellLog, `uid="1"` on connectedToFiber, every `<data id="1">`) and the layout of
/// minidom's `toprettyxml(indent="   ")` are kept, oddities included (distpy-reference §4.5, bug #41).
public struct WITSMLFBEDocument: Sendable {
    static let namespace = "http://www.witsml.org/schemas/131"
    static let schemaInstance = "http://www.w3.org/2001/XMLSchema-instance"
    static let wellName = "FBR01"
    /// distpy's fixed stand-in for a log identifier (there is none in its inputs).
    static let wellLogUID = "5B8B6FB8-AACA-11E8-9637-0CC47A31FD84"

    /// `%Y-%m-%dT%H:%M:%S+00:00`, UTC.
    public var creationDate: String
    /// distpy's `data_style`: fills every "unknown" field (installed system, fibre mode, service company).
    public var dataStyle: String
    public var depthUnit: String = "m"
    /// The index curve's values, one per row.
    public var depth: [Double]
    /// The data curves after DEPTH, in column order.
    public var curves: [WITSMLCurve]
    /// `depth.count × curves.count`, row-major.
    public var values: [Double]

    public init(creationDate: String, dataStyle: String, depth: [Double], curves: [WITSMLCurve], values: [Double]) {
        precondition(values.count == depth.count * curves.count)
        self.creationDate = creationDate
        self.dataStyle = dataStyle
        self.depth = depth
        self.curves = curves
        self.values = values
    }

    /// The creation date distpy writes for a chunk starting at `unixSeconds`.
    public static func creationDate(unixSeconds: Int64) -> String {
        String(UTCTime.iso8601(unixSeconds * UTCTime.nanosecondsPerSecond).dropLast()) + "+00:00"
    }

    /// The document as FoundationXML builds it (elements in distpy's order).
    private func xmlDocument() -> XMLDocument {
        func element(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil,
                     _ children: [XMLElement] = []) -> XMLElement {
            let e = text.map { XMLElement(name: name, stringValue: $0) } ?? XMLElement(name: name)
            for (key, value) in attributes {
                e.addAttribute(XMLNode.attribute(withName: key, stringValue: value) as! XMLNode)
            }
            for child in children { e.addChild(child) }
            return e
        }
        let s = dataStyle
        let wellLog = element("wellLog", [("uidRef", Self.wellLogUID)], [
            element("name", text: Self.wellLogUID),
            element("serviceCompany", text: s),
            element("creationDate", text: creationDate),
            element("indexType", text: "depth"),
            element("nullValue", text: "NULL"),
            element("logCurveInfo", [("uid", "1")], [
                element("mnemonic", text: "DEPTH"),
                element("unit", text: depthUnit),
                element("curveDescription", text: "depth along the fiber"),
            ]),
            element("blockInfo", [("uid", "1")], [
                element("indexType", text: "length"),
                element("direction", text: "increasing"),
                element("indexCurve", [("columnIndex", "1")], text: "1"),
            ]),
        ])
        for (k, curve) in curves.enumerated() {
            wellLog.addChild(element("logCurveInfo", [("uid", "\(k + 2)")], [
                element("mnemonic", text: curve.mnemonic),
                element("unit", text: curve.unit),
                element("curveDescription", text: curve.description),
            ]))
            wellLog.addChild(element("blockInfo", [("uid", "\(k + 2)")], [
                element("blockCurveInfo", [], [
                    element("curveId", text: "\(k + 1)"),
                    element("columnIndex", text: "\(k + 1)"),
                ]),
            ]))
        }
        // The rows are spliced into the printed text (`text()`): thousands of one-line elements through the DOM and
        // its pretty-printer cost more than the rest of the chunk's work.
        let logData = element("logData")
        wellLog.addChild(logData)

        let root = element("WITSMLComposite", [
            ("version", "1.3.1.1"), ("xsi:schemaLocation", "\(Self.namespace) WITSML_composite.xsd"),
        ], [
            element("wellSet", [], [
                element("well", [("uid", Self.wellName)], [
                    element("name", text: Self.wellName),
                    element("wellboreSet", [], [
                        element("wellbore", [("uid", Self.wellName)], [
                            element("name", text: Self.wellName),
                            element("dtsInstalledSystemSet", [], [
                                element("dtsInstalledSystem", [("uid", s)], [
                                    element("name", text: s),
                                    element("fiberInformation", [], [
                                        element("fiber", [("uid", "1")], [
                                            element("name", text: Self.wellName),
                                            element("mode", text: s),
                                        ]),
                                    ]),
                                ]),
                            ]),
                            element("dtsMeasurementSet", [], [
                                element("dtsMeasurement", [("uid", s)], [
                                    element("name", text: s),
                                    element("installedSystemUsed", [("uidRef", s)], text: s),
                                    element("dataInWellLog", [("uidRef", Self.wellLogUID)], text: Self.wellLogUID),
                                    element("connectedToFiber", [("uid", "1")]),
                                ]),
                            ]),
                            element("wellLogSet", [], [wellLog]),
                        ]),
                    ]),
                ]),
            ]),
        ])
        // Namespace declarations come before the attributes, as ElementTree writes them.
        root.addNamespace(XMLNode.namespace(withName: "", stringValue: Self.namespace) as! XMLNode)
        root.addNamespace(XMLNode.namespace(withName: "xsi", stringValue: Self.schemaInstance) as! XMLNode)
        let document = XMLDocument(rootElement: root)
        document.version = "1.0"
        return document
    }

    /// The file text, laid out as distpy's minidom `toprettyxml(indent="   ")` lays it out: the declaration
    /// `<?xml version="1.0" ?>` (no encoding), one element per line indented by 3 spaces per level, text-only
    /// elements on one line, empty elements as `<x/>`, a final newline.
    ///
    /// FoundationXML (libxml2) pretty-prints with the same line structure but 2 spaces per level and a declaration
    /// with encoding and standalone; those two differences are rewritten here. Leading spaces are only ever
    /// indentation: no text in this document starts with a space on a new line (values and names contain no
    /// newlines; labels with newlines are refused by the command).
    public func text() -> String {
        let pretty = xmlDocument().xmlString(options: [.nodePrettyPrint, .nodeCompactEmptyElement])
        var lines = pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        if lines.first?.hasPrefix("<?xml") == true { lines.removeFirst() }
        var out = "<?xml version=\"1.0\" ?>\n"
        out.reserveCapacity(pretty.utf8.count + depth.count * (24 + 24 * curves.count))
        for line in lines {
            let indent = line.prefix(while: { $0 == " " }).count
            let margin = String(repeating: " ", count: indent / 2 * 3)
            guard line.dropFirst(indent) == "<logData/>" else {
                out += margin + line.dropFirst(indent) + "\n"
                continue
            }
            if depth.isEmpty {
                out += margin + "<logData/>\n"
                continue
            }
            out += margin + "<logData>\n"
            let columns = curves.count
            for (row, d) in depth.enumerated() {
                // distpy: str(depth) + ', ' + ', '.join(str(v) for v in row), numpy float64 str() = repr.
                out += margin + "   <data id=\"1\">" + PythonNumberText.repr(d)
                for v in values[(row * columns)..<((row + 1) * columns)] {
                    out += ", " + PythonNumberText.repr(v)
                }
                out += "</data>\n"
            }
            out += margin + "</logData>\n"
        }
        return out
    }
}
