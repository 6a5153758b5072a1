import Foundation

extension RunReport {
    /// The lines printed at the end of a run: what happened to the tasks, throughput, how busy the workers were,
    /// and where the report is.
    public func summary(reportPath: String) -> [String] {
        var counts = ["\(totals.ok) ok"]
        if totals.failed > 0 { counts.append("\(totals.failed) failed") }
        if totals.interrupted > 0 { counts.append("\(totals.interrupted) interrupted") }
        if totals.skipped > 0 { counts.append("\(totals.skipped) skipped (finished before)") }
        if totals.retries > 0 { counts.append("\(totals.retries) retries") }
        let busy = workerUtilisation.isEmpty ? 0
            : workerUtilisation.map(\.utilisation).reduce(0, +) / Double(workerUtilisation.count)
        let tasksLine = "\(job): \(totals.tasks) tasks: " + counts.joined(separator: ", ")
        let reportLine = "run report: \(reportPath) (timeline beside it)"
        guard totals.tasks > 0 else { return [tasksLine, reportLine] }
        return [
            tasksLine,
            String(format: "%.1f MB in %.2f s: %.1f MB/s, %.2f tasks/s", Double(totals.bytes) / 1e6, totals.seconds,
                   totals.megabytesPerSecond, totals.tasksPerSecond)
                + " on \(workers) \(nodes == nil ? "worker" : "node")\(workers == 1 ? "" : "s")"
                + String(format: " (%.0f %% busy)", 100 * busy),
            reportLine,
        ]
    }
}
