import Glibc

/// Which process, on which machine, started when: what a lock records so that a later run can tell a live holder
/// from one that was killed (its pid gone, or reused by a process that started at another time).
public struct ProcessIdentity: Sendable, Equatable, Codable {
    public let pid: Int32
    public let host: String
    /// The process's start time in clock ticks since boot (/proc/PID/stat field 22); nil where /proc is absent.
    public let startTicks: UInt64?

    public init(pid: Int32, host: String, startTicks: UInt64?) {
        self.pid = pid
        self.host = host
        self.startTicks = startTicks
    }

    /// This process.
    public static var current: ProcessIdentity {
        ProcessIdentity(pid: getpid(), host: hostName, startTicks: startTicks(of: getpid()))
    }

    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// This process's parent now: a worker whose controller was killed is handed to another parent (init or a
    /// subreaper), so a change says the controller is gone.
    public static var parentID: Int32 { getppid() }

    /// True when a process with this pid runs on this host (of any start time: a reused pid reads as running).
    public static func isRunningHere(pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// True when this identity's process still runs; nil when that cannot be known from here (another host).
    public var isRunning: Bool? {
        guard host == Self.hostName else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let recorded = startTicks, let now = Self.startTicks(of: pid) else { return true }
        return recorded == now  // a different start time: the pid was reused after the holder died
    }

    static func startTicks(of pid: Int32) -> UInt64? {
        guard let file = fopen("/proc/\(pid)/stat", "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        // Fields after the name start at field 3 (state); the start time is field 22.
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
