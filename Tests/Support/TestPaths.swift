import Foundation

/// Where the tests find the package, the real sample data and the built `distswift` binary.
public enum TestPaths {
    /// The package root (this file is Tests/Support/TestPaths.swift).
    public static let packageRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// ../shared/data beside the project (present in CI; tests that need it skip when it is absent).
    public static let sharedData: String? = {
        let path = URL(fileURLWithPath: packageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared/data").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    /// The `distswift` executable built beside the test bundle (same build folder and configuration).
    public static let distswiftBinary: String = {
        if let explicit = ProcessInfo.processInfo.environment["DISTSWIFT_BIN"] { return explicit }
        let testExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testExecutable.deletingLastPathComponent()
        // The test bundle may be a folder (…/distswiftPackageTests.xctest/…) on some platforms.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("distswift").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/distswift"
    }()
}
