import DistSwiftIO
import DistSwiftNative
import DistSwiftWorkers
import Foundation

/// One run per results location (per shard): `process` and `ingest` take `.distswift/run.lock` before selecting
/// their tasks, so a second run on the same location refuses with a message naming the first instead of doing
/// every chunk again. The lock records who holds it (pid, host, the process's start time): a run killed with -9
/// leaves the file behind, and the next run on the same host sees that its holder no longer runs (or that the pid
/// now belongs to another process) and takes the lock over. A holder on another host cannot be checked from here:
/// that lock is only broken by removing the file, which the message says.
public struct RunLock: Sendable {
    public struct Holder: Codable, Sendable, Equatable {
        public var process: ProcessIdentity
        public var command: String
        /// UTC, ISO 8601.
        public var started: String
    }

    let location: any StorageLocation
    let path: String
    public let holder: Holder
    /// Set when a stale lock (its holder killed) was taken over: for a note to the user.
    public let tookOverFrom: Holder?
    /// The temporary files of writes the killed run (or its workers) left unfinished, removed on taking over.
    public let removedAbandonedWrites: [String]

    public static func path(shard: Shard) -> String {
        ".distswift/" + (shard.count > 1 ? "run-shard-\(shard.index)-of-\(shard.count).lock" : "run.lock")
    }

    /// Takes the lock of `location` or throws an `EngineError` naming the run that holds it.
    public static func acquire(_ location: any StorageLocation, shard: Shard, command: String) throws -> RunLock {
        let path = path(shard: shard)
        let mine = Holder(process: .current, command: command, started: UTCTime.iso8601(WallClock.nowNs))
        let bytes = Array(try JSONEncoder().encode(mine))
        var tookOver: Holder?
        for _ in 0..<3 {
            if try location.createExclusively(path, bytes: bytes) {
                // A run killed with -9 may have been renaming files into place: its hidden temporaries go now.
                let debris = tookOver == nil ? [] : location.removeAbandonedWrites()
                return RunLock(location: location, path: path, holder: mine, tookOverFrom: tookOver,
                               removedAbandonedWrites: debris)
            }
            guard let other = try? JSONDecoder().decode(Holder.self, from: Data(location.readAll(path))) else {
                // Unreadable (being written this instant, or damaged): try again, then say what to do.
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            switch other.process.isRunning {
            case false?:
                try location.remove(path)
                tookOver = other
            case true?:
                throw EngineError(problem: "\(location.address(of: "")) is in use by another run: `\(other.command)` "
                                      + "(pid \(other.process.pid) on \(other.process.host), started \(other.started))",
                                  fix: "wait for it to finish (one run per results location)")
            case nil:
                throw EngineError(problem: "\(location.address(of: "")) is in use by another run: `\(other.command)` "
                                      + "(pid \(other.process.pid) on host \(other.process.host), started "
                                      + "\(other.started)), which cannot be checked from \(ProcessIdentity.hostName)",
                                  fix: "wait for it to finish; if it is not running any more, remove "
                                      + location.address(of: path))
            }
        }
        throw EngineError(problem: "\(location.address(of: path)) exists but cannot be read as a run lock",
                          fix: "if no other run uses this location, remove it")
    }

    /// For the take-over note: how many unfinished writes of the killed run were removed, if any.
    public var debrisNote: String {
        let count = removedAbandonedWrites.count
        return count == 0 ? "" : "; removed \(count) unfinished write\(count == 1 ? "" : "s") it left behind"
    }

    /// Gives the lock up (only if it is still this run's).
    public func release() {
        guard let current = try? JSONDecoder().decode(Holder.self, from: Data(location.readAll(path))),
              current == holder else { return }
        try? location.remove(path)
    }
}
