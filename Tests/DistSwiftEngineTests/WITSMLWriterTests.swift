import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("WITSML FBE writer (write_witsml)")
struct WITSMLWriterTests {

    /// distpy's noise-log parameters (config_examples: multiple_calcs te_from_fft over these bands).
    static func noiseLogCommand(labels: [String] = [], dataStyle: String = "NONE") throws -> WriteWITSMLCommand {
        try WriteWITSMLCommand(ParameterValues([
            "directory_out": .string("NoiseLog"),
            "low_freq": .array([.number(200), .number(600), .number(1000)]),
            "high_freq": .array([.number(-1), .number(-1), .number(-1)]),
            "labels": .array(labels.map { .string($0) }),
            "data_style": .string(dataStyle),
        ]))
    }

    static func context(_ folder: TemporaryFolder, positions: [Double], startTimeNs: Int64 = 1_582_977_600_500_000_000,
                        name: String = "1582977600") -> ChunkContext {
        ChunkContext(samplingRateHz: 10000, startTimeNs: startTimeNs, name: name, channelPositions: positions,
                     results: LocalStorage(root: folder.path), backend: CPUBackend())
    }

    /// Values whose text differs between careless formatters: zero, signed zero, the limits of Python's fixed
    /// notation (1e-05, 9999999999999998.0, 1e+16), sub-normals, infinities, NaN.
    static let awkward: [Double] = [
        0.0, 26.150475083162405, 772506.9444600582, 1e-05, 0.0001, -0.0, 9999999999999998.0, 1e16, Double.leastNonzeroMagnitude,
        .infinity, -.infinity, .nan, 123456789.0, 0.1, -2.5e-7,
    ]

    /// What Python's ElementTree reads from an FBE file.
    struct Parsed: Decodable {
        let root: String
        let rootAttributes: [String: String]
        let mnemonics: [String]
        let units: [String]
        let descriptions: [String]
        let creationDate: String
        let serviceCompany: String
        let rows: [[String]]
        let dataIDs: [String]
        let curveIDs: [String]
    }

    static func parse(_ path: String) throws -> Parsed {
        let json = try PythonReference.check("""
            import sys, json, xml.etree.ElementTree as ET
            ns = '{http://www.witsml.org/schemas/131}'
            root = ET.parse(sys.argv[1]).getroot()
            log = root.find('/'.join(ns + t for t in
                ['wellSet', 'well', 'wellboreSet', 'wellbore', 'wellLogSet', 'wellLog']))
            assert log is not None, 'no wellLog at WITSMLComposite/wellSet/well/wellboreSet/wellbore/wellLogSet'
            infos = log.findall(ns + 'logCurveInfo')
            rows = [d.text.split(', ') for d in log.find(ns + 'logData').findall(ns + 'data')]
            print(json.dumps({
                'root': root.tag, 'rootAttributes': dict(root.attrib),
                'mnemonics': [i.find(ns + 'mnemonic').text for i in infos],
                'units': [i.find(ns + 'unit').text for i in infos],
                'descriptions': [i.find(ns + 'curveDescription').text for i in infos],
                'creationDate': log.find(ns + 'creationDate').text,
                'serviceCompany': log.find(ns + 'serviceCompany').text,
                # each value as Python reads it (float()) and writes it back (repr), to compare bit for bit
                'rows': [[repr(float(v)) for v in r] for r in rows],
                'dataIDs': [d.get('id') for d in log.find(ns + 'logData')],
                'curveIDs': [b.find(ns + 'blockCurveInfo/' + ns + 'curveId').text
                             for b in log.findall(ns + 'blockInfo')[1:]],
            }))
            """, arguments: [path])
        return try JSONDecoder().decode(Parsed.self, from: Data(json.utf8))
    }

    /// Same double (NaN equals NaN; the sign of zero counts).
    static func same(_ text: String, _ value: Double) -> Bool {
        guard let read = Double(text) else { return false }
        return value.isNaN ? read.isNaN : read.bitPattern == value.bitPattern
    }

    @Test("the noise-log file has distpy's structure, curve names, units, date and the exact values",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func noiseLog() throws {
        let folder = try TemporaryFolder()
        let positions = [100.0, 101.25, 102.5, 103.75, 105.0]
        let bands = Self.awkward  // 5 channels × 3 bands
        let band00 = [1.5, 0.0, 3.0e-12, 4.25, .nan]
        let command = try Self.noiseLogCommand()
        try command.write([.real(Array2D(rows: 5, columns: 3, values: bands)),
                           .real(Array2D(rows: 5, columns: 1, values: band00))],
                          context: Self.context(folder, positions: positions))
        let path = folder.file("NoiseLog/1582977600.fbe")
        #expect(FileManager.default.fileExists(atPath: path))
        let parsed = try Self.parse(path)
        #expect(parsed.root == "{http://www.witsml.org/schemas/131}WITSMLComposite")
        #expect(parsed.rootAttributes["version"] == "1.3.1.1")
        #expect(parsed.rootAttributes["{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"]
            == "http://www.witsml.org/schemas/131 WITSML_composite.xsd")
        #expect(parsed.mnemonics == ["DEPTH", "band_0-nyquist", "band_01_200--1", "band_02_600--1", "band_03_1000--1"])
        #expect(parsed.units == ["m", "unitless", "unitless", "unitless", "unitless"])
        #expect(parsed.descriptions == ["depth along the fiber", "from 0 Hz to Nyquist Hz (prf=10000)",
                                        "from 200 Hz to -1 Hz (prf=10000)", "from 600 Hz to -1 Hz (prf=10000)",
                                        "from 1000 Hz to -1 Hz (prf=10000)"])
        // The chunk starts half a second into 2020-02-29 12:00:00 UTC; distpy dates the file by its whole second.
        #expect(parsed.creationDate == "2020-02-29T12:00:00+00:00")
        #expect(parsed.serviceCompany == "NONE")
        #expect(parsed.curveIDs == ["1", "2", "3", "4"])
        #expect(parsed.dataIDs == ["1", "1", "1", "1", "1"])
        #expect(parsed.rows.count == 5)
        for (r, row) in parsed.rows.enumerated() {
            let expected = [positions[r], band00[r]] + Array(bands[(r * 3)..<(r * 3 + 3)])
            #expect(row.count == 5)
            for (text, value) in zip(row, expected) {
                #expect(Self.same(text, value), "row \(r): read \(text), wrote \(value)")
            }
        }
    }

    @Test("the text is byte for byte what distpy's minidom toprettyxml writes for the same tree",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func layoutIsMinidoms() throws {
        let folder = try TemporaryFolder()
        let command = try Self.noiseLogCommand(dataStyle: "DAS & <noise>")
        try command.write([.real(Array2D(rows: 3, columns: 3, values: Array(Self.awkward.prefix(9)))),
                           .real(Array2D(rows: 3, columns: 1, values: [1, 2, 3]))],
                          context: Self.context(folder, positions: [0, 1, 2]))
        let path = folder.file("NoiseLog/1582977600.fbe")
        let raw = try String(contentsOfFile: path, encoding: .utf8)
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "<?xml version=\"1.0\" ?>")
        #expect(lines[1].hasPrefix("<WITSMLComposite xmlns=\"http://www.witsml.org/schemas/131\" "
                                   + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"1.3.1.1\""))
        #expect(lines[2] == "   <wellSet>")
        #expect(lines[3] == "      <well uid=\"FBR01\">")
        #expect(raw.contains("\n                     <connectedToFiber uid=\"1\"/>\n"))
        #expect(raw.contains("\n                        <data id=\"1\">0.0, 1.0, 0.0, 26.150475083162405, "
                             + "772506.9444600582</data>\n"))
        #expect(raw.hasSuffix("</WITSMLComposite>\n"))
        // Every indentation is a multiple of 3 spaces and grows by one level at most.
        var previous = 0
        for line in lines.dropFirst().dropLast() {
            let indent = line.prefix(while: { $0 == " " }).count
            #expect(indent % 3 == 0 && indent <= previous + 3, "\(line)")
            previous = indent
        }
        // distpy's pipeline on the same element tree: ElementTree → tostring → minidom toprettyxml(indent="   ").
        let expected = try PythonReference.check("""
            import sys, xml.etree.ElementTree as ET
            from xml.dom import minidom
            ET.register_namespace('', 'http://www.witsml.org/schemas/131')
            root = ET.parse(sys.argv[1]).getroot()
            for e in root.iter():
                if e.text is not None and not e.text.strip(): e.text = None
                e.tail = None
            sys.stdout.write(minidom.parseString(ET.tostring(root)).toprettyxml(indent='   '))
            """, arguments: [path])
        #expect(raw == expected)
    }

    @Test("every value is written as Python's repr of the float64",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func numberTextIsPythons() throws {
        // Random bit patterns over all exponents, plus the awkward values and some round numbers.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values = Self.awkward + [1, 10, 100, 1e15, 1e17, 1e22, 1e-4, 9.5e-5, 0.5, 2.5, 1 / 3.0]
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(bitPattern: state)
            values.append(value)
            // Also ordinary magnitudes, where fixed notation is used.
            values.append(Double(Int64(bitPattern: state >> 11) % 10_000_000) / pow(10, Double(state % 12)))
        }
        let hex = values.map { String($0.bitPattern, radix: 16) }.joined(separator: " ")
        let out = try PythonReference.check("""
            import sys, struct, numpy as np
            for h in sys.argv[1].split():
                v = struct.unpack('<d', struct.pack('<Q', int(h, 16)))[0]
                print(str(np.float64(v)))
            """, arguments: [hex])
        let expected = out.split(separator: "\n").map(String.init)
        #expect(expected.count == values.count)
        var mismatches: [String] = []
        for (value, python) in zip(values, expected) where PythonNumberText.repr(value) != python {
            mismatches.append("\(value.bitPattern): swift \(PythonNumberText.repr(value)) python \(python)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("JSON numbers in curve names print as Python's str() of the parsed JSON value")
    func curveNumberText() {
        #expect(PythonNumberText.jsonNumber(200) == "200")
        #expect(PythonNumberText.jsonNumber(-1) == "-1")
        #expect(PythonNumberText.jsonNumber(0.5) == "0.5")
        #expect(PythonNumberText.jsonNumber(12.25) == "12.25")
        #expect(PythonNumberText.jsonNumber(1e-5) == "1e-05")
        let curves = WITSMLCurve.genericCurves(low: Array(repeating: 5, count: 11), high: Array(repeating: 7.5, count: 11),
                                               prf: "2000")
        #expect(curves.count == 12)
        #expect(curves[9].mnemonic == "band_09_5-7.5")
        #expect(curves[10].mnemonic == "band_10_5-7.5")
        #expect(curves[11].description == "from 5 Hz to 7.5 Hz (prf=2000)")
    }

    @Test("labels replace the name and description of the first curves, the whole band first",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func labels() throws {
        let folder = try TemporaryFolder()
        let command = try Self.noiseLogCommand(labels: ["NOISE", "HIGH"])
        try command.write([.real(Array2D(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])),
                           .real(Array2D(rows: 2, columns: 1, values: [7, 8]))],
                          context: Self.context(folder, positions: [10, 20]))
        let parsed = try Self.parse(folder.file("NoiseLog/1582977600.fbe"))
        #expect(parsed.mnemonics == ["DEPTH", "NOISE", "HIGH", "band_02_600--1", "band_03_1000--1"])
        #expect(parsed.descriptions[1...2] == ["NOISE", "HIGH"])
        #expect(parsed.descriptions[3] == "from 600 Hz to -1 Hz (prf=10000)")
        #expect(parsed.rows == [["10.0", "7.0", "1.0", "2.0", "3.0"], ["20.0", "8.0", "4.0", "5.0", "6.0"]])
    }

    @Test("an input of one row is written transposed, with DEPTH 0, 1, 2, … as distpy does",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy (scripts/setup.sh installs it)"))
    func transposedTrace() throws {
        let folder = try TemporaryFolder()
        let command = try WriteWITSMLCommand(ParameterValues([
            "directory_out": .string("mean"), "low_freq": .array([.number(0)]), "high_freq": .array([.number(1)]),
            "labels": .array([]), "data_style": .string("NONE"),
        ]))
        // A mean along channels of a 3-channel chunk: 1 × 4 samples.
        try command.write([.real(Array2D(rows: 1, columns: 4, values: [0.5, -1, 2.25, 1e-7])),
                           .real(Array2D(rows: 1, columns: 4, values: [9, 8, 7, 6]))],
                          context: Self.context(folder, positions: [0, 10, 20]))
        let parsed = try Self.parse(folder.file("mean/1582977600.fbe"))
        #expect(parsed.mnemonics == ["DEPTH", "band_0-nyquist", "band_01_0-1"])
        #expect(parsed.rows == [["0.0", "9.0", "0.5"], ["1.0", "8.0", "-1.0"], ["2.0", "7.0", "2.25"],
                                ["3.0", "6.0", "1e-07"]])
    }

    @Test("the date is the chunk's start second in UTC, before 1970 too")
    func creationDate() {
        #expect(WITSMLFBEDocument.creationDate(unixSeconds: 1_582_977_600) == "2020-02-29T12:00:00+00:00")
        #expect(WITSMLFBEDocument.creationDate(unixSeconds: -1) == "1969-12-31T23:59:59+00:00")
    }

    @Test("wrong parameters and inputs fail with messages that say what to change")
    func errors() throws {
        let folder = try TemporaryFolder()
        func problem(_ values: [String: JSONValue]) -> ParameterProblem? {
            var all: [String: JSONValue] = ["directory_out": .string("x"), "low_freq": .array([.number(0)]),
                                            "high_freq": .array([.number(1)]), "labels": .array([]),
                                            "data_style": .string("NONE")]
            all.merge(values) { $1 }
            do {
                _ = try WriteWITSMLCommand(ParameterValues(all))
                return nil
            } catch let p as ParameterProblem {
                return p
            } catch {
                return nil
            }
        }
        #expect(problem(["high_freq": .array([.number(1), .number(2)])])?.parameter == "high_freq")
        #expect(problem(["labels": .array([.string("a"), .string("b"), .string("c")])])?.parameter == "labels")
        #expect(problem(["labels": .array([.string("a\nb")])])?.parameter == "labels")
        #expect(problem([:]) == nil)

        let command = try Self.noiseLogCommand()
        let context = Self.context(folder, positions: [1, 2])
        let band00 = Signal.real(Array2D(rows: 2, columns: 1, values: [1, 2]))
        func failure(_ inputs: [Signal]) -> String {
            do {
                try command.write(inputs, context: context)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let complex = Signal.complex(ComplexArray2D(rows: 2, columns: 3, real: [Double](repeating: 0, count: 6),
                                                    imaginary: [Double](repeating: 1, count: 6)))
        #expect(failure([complex, band00]).contains("complex"))
        // One column for three named bands: distpy copies it into all three; distswift refuses.
        #expect(failure([.real(Array2D(rows: 2, columns: 1, values: [1, 2])), band00]).contains("low_freq"))
        #expect(failure([.real(Array2D(rows: 3, columns: 3, repeating: 1)),
                         .real(Array2D(rows: 3, columns: 1, repeating: 1))]).contains("channels"))
        #expect(failure([.real(Array2D(rows: 2, columns: 3, repeating: 1)),
                         .real(Array2D(rows: 2, columns: 2, repeating: 1))]).contains("gather_uids[0]"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("NoiseLog")))
    }
}
