import Foundation

/// Runs Python with numpy/h5py as the independent reference the tests compare against.
public enum PythonReference {
    /// True when python3 with numpy is available (CI installs it; see scripts/setup.sh).
    public static let isAvailable: Bool = {
        (try? run("import numpy"))?.status == 0
    }()

    public static let hasH5py: Bool = {
        (try? run("import h5py"))?.status == 0
    }()

    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `script` with `python3 -c`, passing `arguments` as sys.argv[1...].
    @discardableResult
    public static func run(_ script: String, arguments: [String] = []) throws -> Result {
        try runProcess("/usr/bin/env", ["python3", "-c", script] + arguments)
    }

    /// Runs a script and fails with its stderr when it exits non-zero; returns stdout.
    public static func check(_ script: String, arguments: [String] = []) throws -> String {
        let r = try run(script, arguments: arguments)
        guard r.status == 0 else { throw ReferenceFailure(message: "python3 failed (\(r.status)):\n\(r.stderr)") }
        return r.stdout
    }
}

public struct ReferenceFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Runs a program to completion, draining its output concurrently so it can never block on a full pipe.
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                       currentDirectory: String? = nil) throws -> PythonReference.Result
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Drain stdout on another thread while this one drains stderr.
    final class Box: @unchecked Sendable { var data = Data() }
    let outBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        outBox.data = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let outData = outBox.data
    return PythonReference.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                  stderr: String(decoding: errData, as: UTF8.self))
}
