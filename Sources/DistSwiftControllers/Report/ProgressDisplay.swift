import DistSwiftWorkers
import Foundation
import Synchronization

/// Progress of a run on standard output: on a terminal a one-line bar redrawn in place (tasks done of total, MB/s,
/// ETA); otherwise a plain line every few seconds, which a log file keeps readable; nothing with `--quiet`.
/// Messages about single tasks are printed above the bar, so the two never garble each other.
public final class ProgressDisplay: Sendable {
    public enum Style: Sendable {
        case bar, lines, quiet
    }

    private struct State {
        var done = 0
        var failed = 0
        var bytes = 0
        var lastDrawNs: Int64 = 0
        var barShown = false
    }

    public let style: Style
    private let total: Int
    private let noun: String
    private let startNs = WallClock.nowNs
    private let write: @Sendable (String) -> Void
    private let state = Mutex(State())

    static let barRedrawNs: Int64 = 100_000_000
    static let plainLineNs: Int64 = 5_000_000_000

    /// `write` receives text to put on standard output as it is (the CLI's unbuffered writer by default).
    public init(style: Style, total: Int, noun: String,
                write: @escaping @Sendable (String) -> Void = {
                    try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8))
                }) {
        self.style = style
        self.total = total
        self.noun = noun
        self.write = write
    }

    public func taskSucceeded(bytes: Int) {
        state.withLock {
            $0.done += 1
            $0.bytes += bytes
        }
        redraw(force: false)
    }

    public func taskFailed() {
        state.withLock { $0.failed += 1 }
        redraw(force: false)
    }

    /// A line about one task (not shown with `--quiet`).
    public func message(_ line: String) {
        guard style != .quiet else { return }
        state.withLock { s in
            write((s.barShown ? "\r\u{1B}[K" : "") + line + "\n")
            s.barShown = false
        }
        redraw(force: true)
    }

    public func tick() { redraw(force: false) }

    /// Ends the bar's line, so what follows starts on a line of its own.
    public func finish() {
        guard style == .bar else { return }
        state.withLock { s in
            if s.barShown { write("\r\u{1B}[K") }
            s.barShown = false
        }
    }

    private func redraw(force: Bool) {
        guard style != .quiet, total > 0 else { return }
        let now = WallClock.nowNs
        state.withLock { s in
            switch style {
            case .bar:
                guard force || now - s.lastDrawNs >= Self.barRedrawNs else { return }
                write("\r" + bar(s, now: now) + "\u{1B}[K")
                s.barShown = true
            case .lines:
                guard now - s.lastDrawNs >= Self.plainLineNs, now - startNs >= Self.plainLineNs else { return }
                write(summary(s, now: now) + "\n")
            case .quiet:
                return
            }
            s.lastDrawNs = now
        }
    }

    private func bar(_ s: State, now: Int64) -> String {
        let width = 24
        let filled = total > 0 ? width * (s.done + s.failed) / total : width
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + summary(s, now: now)
    }

    private func summary(_ s: State, now: Int64) -> String {
        let elapsed = max(Double(now - startNs) / 1e9, 1e-9)
        let finished = s.done + s.failed
        var text = "\(finished)/\(total) \(noun)"
        if s.failed > 0 { text += " (\(s.failed) failed)" }
        text += String(format: ", %.1f MB/s", Double(s.bytes) / 1e6 / elapsed)
        if finished > 0 && finished < total {
            text += ", ETA " + Self.duration(elapsed / Double(finished) * Double(total - finished))
        }
        return text
    }

    /// "42 s", "3:07", "1:02:07".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s) s" }
        if s < 3600 { return String(format: "%d:%02d", s / 60, s % 60) }
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
