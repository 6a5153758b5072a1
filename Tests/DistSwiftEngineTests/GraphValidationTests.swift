import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// One test per validation rule: a broken graph gives every problem at once, each with its JSON path and a fix.
@Suite("Graph validation")
struct GraphValidationTests {
    /// The problems of `entries` (a command_list body), as "path: problem; fix" strings.
    private func problems(_ entries: String, rate: Double? = 1000, topLevel: String = "") -> [GraphProblem] {
        let json = #"{"# + topLevel + #""command_list": ["# + entries + "]}"
        do {
            let document = try GraphDocument.parse(data: Data(json.utf8), file: "g.json")
            _ = try GraphValidator(registry: .standard).plan(document, context: GraphContext(samplingRateHz: rate))
            return []
        } catch let error as GraphProblems {
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    private func has(_ list: [GraphProblem], _ path: String, _ text: String) -> Bool {
        list.contains { $0.path == path && ($0.problem + " " + ($0.fix ?? "")).contains(text) }
    }

    @Test("a valid graph has no problems")
    func valid() {
        #expect(problems(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1}"#).isEmpty)
    }

    @Test("an unknown command is an error with the nearest names, never a silent pass-through")
    func unknownCommand() {
        let p = problems(#"{"name": "rms_form_fft", "uid": 1, "in_uid": 0}"#)
        #expect(has(p, "command_list[0].name", "'rms_form_fft' is not a known command"))
        #expect(has(p, "command_list[0].name", "did you mean 'rms_from_fft'"))
    }

    @Test("unknown, missing and mistyped parameters, all reported together")
    func parameters() {
        let p = problems(#"""
            {"name": "fft", "uid": 1, "in_uid": 0, "axes": 1},
            {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "low_freq": [10, 20], "high_freq": "-1"},
            {"name": "rms_from_fft", "uid": 3, "in_uid": 1, "low_freq": "ten"}
            """#)
        #expect(has(p, "command_list[0].axes", "did you mean 'axis'"))
        #expect(has(p, "command_list[1].func", "is missing"))
        #expect(has(p, "command_list[1].high_freq", "must be a list of numbers, not a string"))
        #expect(has(p, "command_list[2].low_freq", "must be a number, not a string"))
        #expect(p.count == 4)
    }

    @Test("a choice parameter names the allowed values")
    func choice() {
        let p = problems(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "multiple_calcs", "uid": 2, "in_uid": 1, "func": "te_from_ftt", "low_freq": [1], "high_freq": [-1]}"#)
        #expect(has(p, "command_list[1].func", "did you mean 'te_from_fft'"))
    }

    @Test("duplicate uids")
    func duplicateUIDs() {
        let p = problems(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "abs", "uid": 1, "in_uid": 0}"#)
        #expect(has(p, "command_list[1].uid", "1 is also the uid of command_list[0]"))
    }

    @Test("in_uid and gather_uids pointing to a missing node")
    func missingNode() {
        let p = problems(#"{"name": "mean", "uid": 1, "in_uid": 7}, {"name": "gather", "uid": 2, "in_uid": 0, "gather_uids": [9]}"#)
        #expect(has(p, "command_list[0].in_uid", "no command has uid 7"))
        #expect(has(p, "command_list[1].gather_uids[0]", "no command has uid 9"))
    }

    @Test("an input from a later node")
    func laterNode() {
        let p = problems(#"{"name": "abs", "uid": 1, "in_uid": 2}, {"name": "mean", "uid": 2, "in_uid": 0}"#)
        #expect(has(p, "command_list[0].in_uid", "a command at or after this one"))
    }

    @Test("a cycle is named as one")
    func cycle() {
        let p = problems(#"{"name": "abs", "uid": 1, "in_uid": 2}, {"name": "abs", "uid": 2, "in_uid": 1}"#)
        #expect(has(p, "command_list[0].in_uid", "closes a cycle: uid 1 → uid 2 → uid 1"))
    }

    @Test("missing in_uid, missing uid, missing name")
    func missingWiring() {
        let p = problems(#"{"name": "abs", "uid": 1}, {"name": "abs", "in_uid": 0}, {"uid": 3, "in_uid": 0}"#)
        #expect(has(p, "command_list[0].in_uid", "is missing"))
        #expect(has(p, "command_list[1].uid", "is missing"))
        #expect(has(p, "command_list[2].name", "is missing"))
    }

    @Test("an input of the wrong kind: rms_from_fft fed a time series")
    func wrongKind() {
        let p = problems(#"{"name": "rms_from_fft", "uid": 1, "in_uid": 0}"#)
        #expect(has(p, "command_list[0].in_uid", "rms_from_fft takes spectrum along time, but in_uid 0 gives time series"))
        #expect(has(p, "command_list[0].in_uid", "insert an fft command before it"))
    }

    @Test("frequencies above Nyquist, empty bands, mismatched band lists")
    func frequencies() {
        let p = problems(#"""
            {"name": "fft", "uid": 1, "in_uid": 0},
            {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "low_freq": 0, "high_freq": 600},
            {"name": "multiple_calcs", "uid": 3, "in_uid": 1, "func": "te_from_fft", "low_freq": [100, 700], "high_freq": [-1, -1]},
            {"name": "rms_from_fft", "uid": 4, "in_uid": 1, "low_freq": 200, "high_freq": 100},
            {"name": "multiple_calcs", "uid": 5, "in_uid": 1, "func": "te_from_fft", "low_freq": [1, 2], "high_freq": [-1]}
            """#, rate: 1000)
        #expect(has(p, "command_list[1].high_freq", "high frequency 600.0 Hz is above Nyquist (500.0 Hz"))
        #expect(has(p, "command_list[2].low_freq[1]", "low frequency 700.0 Hz is at or above Nyquist"))
        #expect(has(p, "command_list[3].high_freq", "is empty (high ≤ low)"))
        #expect(has(p, "command_list[4].high_freq", "has 1 entries but low_freq has 2"))
        // Without a rate (validate alone), only the rate-free checks run.
        #expect(!has(problems(#"{"name": "fft", "uid": 1, "in_uid": 0}, {"name": "rms_from_fft", "uid": 2, "in_uid": 1, "high_freq": 600}"#, rate: nil),
                     "command_list[1].high_freq", "Nyquist"))
    }

    @Test("a directory_out that escapes the results location")
    func escapingFolder() {
        let p = problems(#"{"name": "write_npy", "uid": 1, "in_uid": 0, "directory_out": "../elsewhere"}, {"name": "write_npy", "uid": 2, "in_uid": 0, "directory_out": "/etc"}"#)
        #expect(has(p, "command_list[0].directory_out", "'../elsewhere' leaves the results location"))
        #expect(has(p, "command_list[1].directory_out", "'/etc' leaves the results location"))
    }

    @Test("gather_uids required by gather, refused by a single-input command")
    func gatherRules() {
        let p = problems(#"{"name": "gather", "uid": 1, "in_uid": 0}, {"name": "abs", "uid": 2, "in_uid": 0, "gather_uids": [1]}"#)
        #expect(has(p, "command_list[0].gather_uids", "needs at least one gathered input"))
        #expect(has(p, "command_list[1].gather_uids", "abs takes only in_uid"))
    }

    @Test("unknown top-level keys; a system config handed over as a graph")
    func documentLevel() throws {
        let p = problems(#"{"name": "abs", "uid": 1, "in_uid": 0}"#, topLevel: #""descripton": "x", "#)
        #expect(has(p, "descripton", "did you mean 'description'"))
        #expect {
            _ = try GraphDocument.parse(data: Data(#"{"in_drive": "a", "config": "g.json"}"#.utf8), file: "s.json")
        } throws: { "\($0)".contains("is a system config") && "\($0)".contains("distswift process s.json") }
    }
}
