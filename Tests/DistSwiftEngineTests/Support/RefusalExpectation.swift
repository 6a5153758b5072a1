import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Expects a one-entry graph with `fields` (after uid/in_uid) to be refused with a problem at `path` whose text or
/// fix contains `word`, and which has a fix.
func expectRefused(_ fields: String, at path: String, saying word: String, harness: GraphHarness) {
    do {
        _ = try harness.plan(#"{"command_list": [{"uid": 1, "in_uid": 0, "# + fields + "}]}")
        Issue.record("accepted: \(fields)")
    } catch let problems as GraphProblems {
        let problem = problems.problems.first { $0.path == path }
        #expect(problem != nil, "\(fields): \(problems)")
        #expect(problem?.problem.contains(word) == true || problem?.fix?.contains(word) == true, "\(problems)")
        #expect(problem?.fix?.isEmpty == false, "no fix: \(problems)")
    } catch {
        Issue.record("\(fields): unexpected \(error)")
    }
}
