import Foundation

/// The resident memory of this process, for a watch's report: a watch that runs for months must show that its
/// memory stays flat.
enum ResidentMemory {
    /// VmRSS of /proc/self/status in bytes; nil where there is no /proc (macOS).
    static func bytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kB * 1024
    }
}
