import DistSwiftTestSupport
import Foundation
import Testing

/// `distswift watch --roll-products`: the stacked noise log and its PRODML file kept per period, each period rebuilt
/// only when its outputs changed — also across a restart. Real processes (a synthetic interrogator and the watch),
/// serialized like the other watch suites (two cores).
@Suite("Live watch: products rolled by period", .serialized)
struct WatchRolledProductsTests {
    typealias LiveProject = WatchTests.LiveProject

    static let periods = ["2024-01-01T00-00-00", "2024-01-01T00-00-05", "2024-01-01T00-00-10"]

    /// Each period's stacked arrays, joined along time, equal `distswift stack` of the whole folder (bit for bit),
    /// and each period holds the outputs that start in it.
    static func checkAgainstWholeStack(_ project: LiveProject, columns: [Int], name: String) throws {
        let whole = project.folder.file("whole-\(name)")
        let stack = try runProcess(TestPaths.distswiftBinary, ["stack", project.config, "NoiseLog", "--output", whole])
        #expect(stack.status == 0, "\(stack.stderr)")
        let result = try PythonReference.check("""
            import sys, os, glob, json, numpy as np
            rolled, whole, periods, columns = sys.argv[1], sys.argv[2], sys.argv[3].split(","), [int(c) for c in sys.argv[4].split(",")]
            found = sorted(p for p in os.listdir(rolled))
            assert found == periods, (found, periods)
            curves = sorted(c for c in os.listdir(whole) if os.path.isdir(os.path.join(whole, c)))
            assert len(curves) == 3, curves
            for curve in curves:
                def array(folder):
                    names = [n for n in os.listdir(os.path.join(folder, curve)) if n not in ("time.npy", "measured_depth.npy")]
                    assert len(names) == 1, names
                    return np.load(os.path.join(folder, curve, names[0])), np.load(os.path.join(folder, curve, "time.npy"))
                parts = [array(os.path.join(rolled, p)) for p in periods]
                assert [a.shape[1] for a, _ in parts] == columns, [a.shape for a, _ in parts]
                for (a, t), p in zip(parts, periods):
                    assert json.load(open(os.path.join(rolled, p, "inputs.json")))["outputs"] == a.shape[1]
                reference, times = array(whole)
                assert np.array_equal(np.concatenate([a for a, _ in parts], axis=1), reference), curve
                assert np.array_equal(np.concatenate([t for _, t in parts]), times), curve
            print("ok", curves)
            """, arguments: [project.store + "/NoiseLog_stacked", whole, periods.joined(separator: ","),
                             columns.map(String.init).joined(separator: ",")])
        #expect(result.hasPrefix("ok"), "\(result)")
    }

    static func modificationTimes(_ project: LiveProject, _ period: String) throws -> [String: Date] {
        let folder = project.store + "/NoiseLog_stacked/" + period
        var times: [String: Date] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            times[path] = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.modificationDate] as? Date
        }
        times["fbe"] = try FileManager.default.attributesOfItem(
            atPath: project.store + "/NoiseLog_fbe/\(period).h5")[.modificationDate] as? Date
        return times
    }

    @Test("one stacked folder and PRODML file per period; a restart rebuilds only the period that changed")
    func rolledByPeriod() throws {
        let project = try LiveProject()
        let products = ["--stack", "NoiseLog", "--prodml", "--roll-products", "5"]
        let synth = try project.interrogator(files: 12, speed: 10)
        let watch = try project.watch(products)
        synth.waitUntilExit()
        watch.waitUntilExit()
        #expect(watch.terminationStatus == 0, "\(project.log("watch"))")
        try Self.checkAgainstWholeStack(project, columns: [5, 5, 2], name: "first")
        let fbe = try FileManager.default.contentsOfDirectory(atPath: project.store + "/NoiseLog_fbe").sorted()
        #expect(fbe == Self.periods.map { $0 + ".h5" }, "\(fbe)")
        #expect(FileManager.default.fileExists(atPath: project.store + "/NoiseLog_waterfall.png"))
        #expect(!FileManager.default.fileExists(atPath: project.store + "/NoiseLog_fbe.h5"), "no whole-record file")

        // Started again while three more files arrive: they, and the last chunk redone with its new neighbour, fall
        // in the last period; the first two periods' products are not touched.
        let before = try Self.periods.prefix(2).map { try Self.modificationTimes(project, $0) }
        Thread.sleep(forTimeInterval: 1.1)  // a rewrite would show in the modification times
        let more = try project.interrogator(files: 3, speed: 10, start: "2024-01-01T00:00:12Z")
        let watch2 = try project.watch(products, log: "second")
        more.waitUntilExit()
        watch2.waitUntilExit()
        #expect(watch2.terminationStatus == 0, "\(project.log("second"))")
        let after = try Self.periods.prefix(2).map { try Self.modificationTimes(project, $0) }
        #expect(after == before, "the unchanged periods were not rebuilt")
        try Self.checkAgainstWholeStack(project, columns: [5, 5, 5], name: "second")
        let report = try project.report()
        let productTimes = report["products"] as? [String: String] ?? [:]
        #expect(productTimes["NoiseLog_stacked/2024-01-01T00-00-10"] != nil
                && productTimes["NoiseLog_fbe/2024-01-01T00-00-10.h5"] != nil
                && productTimes["NoiseLog_stacked/2024-01-01T00-00-00"] == nil, "\(productTimes)")
    }

    @Test("--roll-products refuses what is not a period, and needs --stack")
    func refusals() throws {
        let project = try LiveProject()
        for (arguments, message) in [(["--stack", "NoiseLog", "--roll-products", "weekly"], "not day, hour or a whole number"),
                                     (["--roll-products", "day"], "give --stack FOLDER too")] {
            let run = try runProcess(TestPaths.distswiftBinary, ["watch", project.config, project.graph,
                                                                 "--exit-when-idle", "1"] + arguments)
            #expect(run.status != 0 && run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
