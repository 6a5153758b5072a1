#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines of the standard input, read in large blocks, with a way to ask whether the next line is already there.
/// A pool worker uses it to commit a group of finished tasks when no further task is waiting (`readLine` cannot
/// say: its lines sit in stdio's buffer, out of `poll`'s sight).
public final class StandardInputLines {
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    public init() {}

    /// The next line without its newline, or nil at the end of input (a last line without a newline is returned).
    public func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line
            }
            if ended || !fill() {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                return line
            }
        }
    }

    /// True when a whole line is buffered, or more input arrives within `milliseconds`.
    public func hasWaitingInput(withinMilliseconds milliseconds: Int32) -> Bool {
        if buffer[start...].contains(0x0A) { return true }
        if ended { return start < buffer.count }
        var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, milliseconds) > 0
    }

    /// Reads what the input holds (waiting for at least one byte); false at its end.
    private func fill() -> Bool {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = block.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += block[0..<count]
                return true
            }
            if count < 0 && errno == EINTR { continue }
            ended = true
            return false
        }
    }
}
