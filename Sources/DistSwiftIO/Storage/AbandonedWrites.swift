import DistSwiftNative
import Foundation

/// The hidden temporary names atomic writes use in local folders: `.NAME.partial-PID-HOST-RANDOM`, where HOST is a
/// short tag of the writer's host name. A writer killed with -9 between writing and renaming leaves its temporary
/// file behind; listings hide it, and the next run that takes over the killed run's lock removes it — but only when
/// its writer demonstrably no longer runs: same host (another node of a cluster may be writing into the same
/// shared folder this instant) and no process with that pid.
enum TemporaryWriteName {
    static func make(for name: String) -> String {
        ".\(name).partial-\(NativeFileSystem.processID)-\(hostTag)-\(UUID().uuidString.prefix(8))"
    }

    /// Eight hex digits of the FNV-1a hash of the host name: short, fixed-length, free of the characters a host
    /// name may contain.
    static let hostTag: String = {
        var hash: UInt32 = 2_166_136_261
        for byte in ProcessIdentity.hostName.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return String(format: "%08x", hash)
    }()

    /// The writer's pid when `name` is a temporary name written on this host; nil otherwise (a finished file, a
    /// temporary of another host, or one named by an older version, which carried no host).
    static func writerOnThisHost(_ name: String) -> Int32? {
        guard isTemporaryStorageName(name), let marker = name.range(of: ".partial-", options: .backwards) else {
            return nil
        }
        let fields = name[marker.upperBound...].split(separator: "-")
        guard fields.count == 3, fields[1] == hostTag, let pid = Int32(fields[0]) else { return nil }
        return pid
    }
}

extension LocalStorage {
    /// Removes the temporary files of atomic writes whose writers were killed (see `TemporaryWriteName`) anywhere
    /// below the location, and returns their paths relative to it. Called when a run takes over the lock of a run
    /// that no longer runs, so a store does not collect hidden debris from every crash.
    public func removeAbandonedWrites() -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
        var removed: [String] = []
        while let relative = walk.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard let pid = TemporaryWriteName.writerOnThisHost(name), !ProcessIdentity.isRunningHere(pid: pid)
            else { continue }
            if (try? FileManager.default.removeItem(atPath: root + "/" + relative)) != nil { removed.append(relative) }
        }
        return removed.sorted()
    }
}
