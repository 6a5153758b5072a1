import DistSwiftCalc
import DistSwiftIO
import Foundation
import Testing

/// The WITSML FBE reader (distswift stack's input) and the stacking rules, on small hand-made logs.
@Suite("WITSML FBE reader and stacking")
struct WITSMLFBEReaderTests {
    /// A minimal FBE log with the given curves (mnemonic, unit) and rows.
    static func log(date: String?, curves: [(String, String)], rows: [String], null: String = "NULL") -> Data {
        var text = #"<?xml version="1.0" ?><WITSMLComposite xmlns="http://www.witsml.org/schemas/131"><wellSet><well>"#
            + "<wellboreSet><wellbore><wellLogSet><wellLog>"
        if let date { text += "<creationDate>\(date)</creationDate>" }
        text += "<nullValue>\(null)</nullValue>"
        for (m, u) in curves {
            text += "<logCurveInfo><mnemonic>\(m)</mnemonic><unit>\(u)</unit><curveDescription>d \(m)</curveDescription></logCurveInfo>"
        }
        text += "<logData>" + rows.map { "<data id=\"1\">\($0)</data>" }.joined() + "</logData>"
        return Data((text + "</wellLog></wellLogSet></wellbore></wellboreSet></well></wellSet></WITSMLComposite>").utf8)
    }

    @Test("reads what write_witsml writes: depth, curves in order, values, creationDate in UTC")
    func roundTrip() throws {
        let curves = WITSMLCurve.genericCurves(low: [200, 600], high: [-1, -1], prf: "10000")
        let document = WITSMLFBEDocument(
            creationDate: WITSMLFBEDocument.creationDate(unixSeconds: 1_582_977_600), dataStyle: "NoiseLog",
            depth: [0, 1.5, 3], curves: curves, values: [1, 2, 3, 4, 5, 6, 0.1, 1e-05, .nan])
        let log = try WITSMLFBEReader.parse(Data(document.text().utf8), source: "x.fbe")
        #expect(log.creationTimeNs == Int64(1_582_977_600) * 1_000_000_000)
        #expect(log.depth == [0, 1.5, 3] && log.depthMnemonic == "DEPTH" && log.depthUnit == "m")
        #expect(log.curves == curves)
        #expect(log.values.prefix(8) == [1, 2, 3, 4, 5, 6, 0.1, 1e-05] && log.values[8].isNaN)
    }

    @Test("both distpy date forms are UTC; DEPTH may be any column; NULL and empty values are NaN")
    func datesAndColumns() throws {
        let a = try WITSMLFBEReader.parse(Self.log(date: "2020-02-29T12:00:00.250000Z",
                                                   curves: [("a", "u"), ("LENGTH", "ft"), ("b", "v")],
                                                   rows: ["1, 10, NULL", ", 20, 4"]), source: "a.fbe")
        #expect(a.creationTimeNs == Int64(1_582_977_600) * 1_000_000_000 + 250_000_000)
        #expect(a.depthMnemonic == "LENGTH" && a.depthUnit == "ft" && a.depth == [10, 20])
        #expect(a.curves.map(\.mnemonic) == ["a", "b"] && a.curves.map(\.unit) == ["u", "v"])
        #expect(a.values[0] == 1 && a.values[1].isNaN && a.values[2].isNaN && a.values[3] == 4)
        let b = try WITSMLFBEReader.parse(Self.log(date: "2020-02-29T12:00:00+00:00", curves: [("DEPTH", "m")],
                                                   rows: ["0"]), source: "b.fbe")
        #expect(b.creationTimeNs == Int64(1_582_977_600) * 1_000_000_000)
    }

    @Test("ragged rows, bad numbers, no depth curve and broken XML are refused, naming the file and the row")
    func refusals() throws {
        func problem(_ data: Data) -> String {
            do {
                _ = try WITSMLFBEReader.parse(data, source: "/r/1.fbe")
                return "no error"
            } catch { return "\(error)" }
        }
        let ragged = problem(Self.log(date: nil, curves: [("DEPTH", "m"), ("a", "")], rows: ["0, 1", "1, 2, 3"]))
        #expect(ragged.hasPrefix("/r/1.fbe row 2 of logData has 3 values but the file declares 2 curves"), "\(ragged)")
        let word = problem(Self.log(date: nil, curves: [("DEPTH", "m"), ("a", "")], rows: ["0, abc"]))
        #expect(word.contains("row 1, curve a has the value 'abc'"), "\(word)")
        let noDepth = problem(Self.log(date: nil, curves: [("a", "")], rows: ["0"]))
        #expect(noDepth.contains("has no DEPTH or LENGTH curve"), "\(noDepth)")
        let broken = problem(Data("<WITSMLComposite><wellSet>".utf8))
        #expect(broken.hasPrefix("/r/1.fbe is not well-formed XML"), "\(broken)")
    }

    @Test("band edges from distpy's curve names; NaN when unknown")
    func bands() {
        let d = "from 200 Hz to -1 Hz (prf=10000)"
        #expect(FBEBand(mnemonic: "band_0-nyquist", description: "(prf=10000)") == FBEBand(startHz: 0, endHz: 5000))
        #expect(FBEBand(mnemonic: "band_01_200--1", description: d) == FBEBand(startHz: 200, endHz: 5000))
        #expect(FBEBand(mnemonic: "band_12_200.5-600", description: d) == FBEBand(startHz: 200.5, endHz: 600))
        #expect(FBEBand(mnemonic: "band_01_1e-05-600", description: d) == FBEBand(startHz: 1e-05, endHz: 600))
        let noPRF = FBEBand(mnemonic: "band_01_200--1", description: "label")
        #expect(noPRF.startHz == 200 && noPRF.endHz.isNaN)
        let label = FBEBand(mnemonic: "quiet", description: "quiet")
        #expect(label.startHz.isNaN && label.endHz.isNaN)
    }

    @Test("stacking maps curves by mnemonic, orders by time and records a gap (no NaN columns)")
    func stacking() throws {
        func output(_ t: Int64, _ curves: [String], _ values: [Double]) -> ChunkOutput {
            ChunkOutput(file: "\(t).fbe", address: "/r/\(t).fbe", startTimeNs: t * 1_000_000_000, depth: [0, 1],
                        depthUnit: "m", curves: curves.map { WITSMLCurve(mnemonic: $0, description: "") },
                        values: Array2D(rows: 2, columns: curves.count, values: values))
        }
        let run = try StackedRun.stack([output(13, ["a", "b"], [7, 8, 9, 10]), output(10, ["a", "b"], [1, 2, 3, 4]),
                                        output(11, ["b", "a"], [6, 5, 8, 7])])
        #expect(run.timesNs == [10, 11, 13].map { $0 * 1_000_000_000 })
        #expect(run.gaps.map(\.before) == ["11.fbe"] && run.gaps.map(\.after) == ["13.fbe"])
        #expect(run.gaps.map(\.missingSteps) == [1] && run.gaps.map(\.afterTimeNs) == [13_000_000_000])
        #expect(Array(run.arrays[0].row(0)) == [1, 5, 7])
        #expect(Array(run.arrays[1].row(1)) == [4, 8, 10])
        #expect(throws: StackError.self) { try StackedRun.stack([output(1, ["a"], [1, 2]), output(2, ["c"], [1, 2])]) }
        #expect(throws: StackError.self) { try StackedRun.stack([output(1, ["a"], [1, 2]), output(1, ["a"], [1, 2])]) }
    }
}
