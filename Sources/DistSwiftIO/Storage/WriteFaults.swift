import Foundation

/// Fault injection for tests of atomic writes: a writer that stalls after a number of bytes, so a test can kill the
/// process while a file is half written. Enabled only through the environment variable
/// `DISTSWIFT_FAULT_STALL_WRITE_AFTER_BYTES`, read once by the CLI at start-up.
public struct WriteFaults: Sendable {
    public let stallAfterBytes: Int?

    public init(stallAfterBytes: Int?) {
        self.stallAfterBytes = stallAfterBytes
    }

    public static let environmentVariable = "DISTSWIFT_FAULT_STALL_WRITE_AFTER_BYTES"

    /// The faults the environment asks for, or nil (the normal case).
    public static func fromEnvironment(_ environment: [String: String]) -> WriteFaults? {
        guard let value = environment[environmentVariable], let bytes = Int(value), bytes >= 0 else { return nil }
        return WriteFaults(stallAfterBytes: bytes)
    }

    func stall() -> Never {
        FileHandle.standardError.write(Data("distswift: fault injection: write stalled\n".utf8))
        while true { sleep(3600) }
    }
}
