import DistSwiftControllers
import DistSwiftIO
import Foundation

/// The status page's HTML, from one run.json: every number in an element with an id (`files-ingested`,
/// `latency-median`, …) holding the number as run.json has it, rounded to 3 decimals, so a browser test can read
/// it back; no script, the page reloads itself.
struct StatusPage {
    let report: LiveReport?
    let files: [(name: String, stamp: String)]

    func render(refresh: Int) -> String {
        guard let r = report else {
            return page(refresh: refresh, body: "<p id=\"waiting\">The watch has not written its report yet.</p>")
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        func cell(_ id: String, _ text: String) -> String { "<td id=\"\(id)\">\(escape(text))</td>" }
        var body = """
            <h1>distswift watch</h1>
            <p class="\(r.behind ? "behind" : "ok")" id="state">\(r.behind ? "BEHIND, catching up (every file is kept)" : "keeping up")</p>
            <p>\(escape(r.input)) → \(escape(r.store)); \(escape(r.watching)); updated <span id="updated">\(escape(r.updatedAt))</span></p>
            <table class="numbers">
            <tr><th>files ingested</th>\(cell("files-ingested", "\(r.files.ingested)"))<th>rejected</th>\(cell("files-rejected", "\(r.files.rejected)"))<th>waiting</th>\(cell("files-waiting", "\(r.files.waiting)"))<th>settling</th>\(cell("files-settling", "\(r.files.settling)"))</tr>
            <tr><th>chunks processed</th>\(cell("chunks-processed", "\(r.chunks.processed)"))<th>queued (backlog)</th>\(cell("chunks-queued", "\(r.chunks.queued)"))<th>awaiting a neighbour</th>\(cell("chunks-waiting", "\(r.chunks.waitingForNeighbour)"))<th>failed</th>\(cell("chunks-failed", "\(r.chunks.failed)"))<th>redone (late files)</th>\(cell("chunks-redone", "\(r.chunks.redone)"))</tr>
            <tr><th>latency median (s)</th>\(cell("latency-median", number(r.latency.medianSeconds)))<th>p99 (s)</th>\(cell("latency-p99", number(r.latency.p99Seconds)))<th>last (s)</th>\(cell("latency-last", number(r.latency.lastSeconds)))<th>lag (s)</th>\(cell("lag", number(r.lagSeconds)))</tr>
            <tr><th>real-time factor</th>\(cell("real-time-factor", number(r.realTimeFactor)))<th>capacity (× real time)</th>\(cell("capacity", number(r.capacityRealTimeFactor)))<th>data seconds</th>\(cell("data-seconds", number(r.dataSecondsProcessed)))<th>workers</th>\(cell("workers", "\(r.workers)"))</tr>
            </table>
            <h2>Workers</h2>
            <table class="workers"><tr><th>worker</th><th>tasks</th><th>busy (s)</th><th>busy, last minute</th><th>last task</th></tr>
            """
        for w in r.workerActivity {
            body += "<tr id=\"worker-\(w.worker)\"><td>\(w.worker)</td>\(cell("worker-\(w.worker)-tasks", "\(w.tasks)"))"
                + "<td>\(number(w.busySeconds))</td><td>\(String(format: "%.0f %%", 100 * w.recentUtilisation))</td>"
                + "<td>\(escape(w.lastTask ?? "-"))</td></tr>\n"
        }
        body += "</table>\n<h2>Products</h2>\n"
        body += "<ul id=\"products\">"
        for (name, updated) in r.products.sorted(by: { $0.key < $1.key }) {
            let link = StatusServer.isServable(name) ? "<a href=\"/files/\(escape(name))\">\(escape(name))</a>" : escape(name)
            body += "<li>\(link), updated \(escape(updated))</li>"
        }
        if r.products.isEmpty { body += "<li>none yet</li>" }
        body += "</ul>\n"
        for file in files where file.name.hasSuffix(".png") || file.name.hasSuffix(".svg") {
            body += "<figure><img src=\"/files/\(file.name)?v=\(file.stamp)\" alt=\"\(escape(file.name))\">"
                + "<figcaption>\(escape(file.name))</figcaption></figure>\n"
        }
        body += "<h2>Failures</h2>\n<ul id=\"failures\">"
        for failure in r.failures.reversed() {
            body += "<li><b>\(escape(failure.task))</b> (\(escape(failure.at))): \(escape(failure.error))</li>\n"
        }
        if r.failures.isEmpty { body += "<li>none</li>" }
        body += "</ul>\n<h2>Chunks processed again for late files</h2>\n<ul id=\"redone\">"
        for redo in r.redone.reversed() {
            body += "<li><b>\(escape(redo.chunk))</b> (\(escape(redo.at))): \(escape(redo.lateFile)) arrived after it</li>\n"
        }
        if r.redone.isEmpty { body += "<li>none</li>" }
        body += "</ul>\n<p>JSON: <a href=\"/api/status\">status</a>, <a href=\"/api/latency\">latency</a>, "
            + "<a href=\"/api/workers\">workers</a>, <a href=\"/api/failures\">failures</a></p>"
        return page(refresh: refresh, body: body)
    }

    private func page(refresh: Int, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="\(refresh)">
        <title>distswift watch</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; background: #fafafa; color: #222; }
        table { border-collapse: collapse; margin-bottom: 1em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
        th { background: #e8eef4; }
        .ok { color: #1a7f37; font-weight: bold; } .behind { color: #b42318; font-weight: bold; }
        figure { display: inline-block; margin: 0.5em; } img { max-width: 900px; border: 1px solid #ccc; }
        </style></head>
        <body>
        \(body)
        </body></html>
        """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
