import DistSwiftWorkers
import Foundation

/// `timeline.svg`: one row per worker slot (per node for a cluster run), one bar per try, coloured by how it ended,
/// on a time axis in seconds since the run started — where the pool waited, which worker died, which task was slow.
/// Written as SVG text: rectangles and labels need no drawing library, and a browser shows each bar's task on hover.
public enum TimelineSVG {
    static let colours: [(TaskAttempt.Status, String)] = [
        (.ok, "#43a047"), (.failed, "#e53935"), (.crashed, "#fb8c00"), (.timedOut, "#8e24aa"), (.interrupted, "#9e9e9e"),
    ]

    public static func render(_ report: RunReport) -> String {
        let rows = max(1, (report.attempts.map { $0.worker ?? 0 }.max() ?? -1) + 1)
        let left = 90.0, right = 20.0, top = 50.0, rowHeight = 26.0, plotWidth = 900.0
        let height = top + Double(rows) * rowHeight + 60
        let span = max(report.totals.seconds, report.attempts.map { report.secondsSinceStart($0.endNs) }.max() ?? 0, 1e-3)
        func x(_ t: Double) -> Double { left + plotWidth * max(0, t) / span }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(left + plotWidth + right))" height="\(Int(height))" \
            font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(left)" y="20" font-size="14">\(escape("distswift \(report.job): \(report.totals.tasks) tasks on \(report.workers) \(report.nodes == nil ? "workers" : "nodes"), \(format(report.totals.seconds)) s (started \(report.startedAt))"))</text>

            """
        for row in 0..<rows {
            let y = top + Double(row) * rowHeight
            let label = report.nodes.flatMap { row < $0.count ? $0[row] : nil } ?? "worker \(row)"
            svg += "<text x=\"\(left - 8)\" y=\"\(y + rowHeight / 2 + 4)\" text-anchor=\"end\">\(escape(label))</text>\n"
            svg += "<line x1=\"\(left)\" y1=\"\(y + rowHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(y + rowHeight)\" stroke=\"#eee\"/>\n"
        }
        for a in report.attempts {
            let colour = colours.first { $0.0 == a.status }?.1 ?? "#000"
            let start = report.secondsSinceStart(a.startNs), end = report.secondsSinceStart(a.endNs)
            let y = top + Double(a.worker ?? 0) * rowHeight + 3
            let width = max(1, x(end) - x(start))
            let tip = "\(a.id), try \(a.attempt), pid \(a.pid): \(a.status.rawValue), \(format(end - start)) s"
                + (a.error.map { " — \($0)" } ?? "")
            svg += "<rect x=\"\(format(x(start)))\" y=\"\(y)\" width=\"\(format(width))\" height=\"\(rowHeight - 6)\" "
                + "fill=\"\(colour)\" stroke=\"white\" stroke-width=\"0.5\"><title>\(escape(tip))</title></rect>\n"
        }
        let axisY = top + Double(rows) * rowHeight
        svg += "<line x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(left + plotWidth)\" y2=\"\(axisY)\" stroke=\"black\"/>\n"
        let step = tickStep(span)
        for tick in stride(from: 0.0, through: span + step * 1e-9, by: step) {
            svg += "<line x1=\"\(format(x(tick)))\" y1=\"\(axisY)\" x2=\"\(format(x(tick)))\" y2=\"\(axisY + 5)\" stroke=\"black\"/>\n"
            svg += "<text x=\"\(format(x(tick)))\" y=\"\(axisY + 18)\" text-anchor=\"middle\">\(format(tick))</text>\n"
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(axisY + 36)\" text-anchor=\"middle\">seconds since the run started</text>\n"
        var legendX = left
        for (status, colour) in colours {
            svg += "<rect x=\"\(legendX)\" y=\"30\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
                + "<text x=\"\(legendX + 14)\" y=\"39\">\(status.rawValue)</text>\n"
            legendX += 90
        }
        return svg + "</svg>\n"
    }

    /// 1, 2 or 5 × a power of ten, giving about eight ticks.
    static func tickStep(_ span: Double) -> Double {
        let raw = span / 8
        let power = pow(10, floor(log10(raw)))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }

    static func format(_ value: Double) -> String {
        let text = String(format: "%.3f", value)
        return text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()).trimmingCharacters(in: CharacterSet(charactersIn: ".")) : text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
