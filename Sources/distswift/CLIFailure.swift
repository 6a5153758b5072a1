import ArgumentParser
import Foundation

/// Runs a command body and turns distswift's errors into one clear message on stderr and exit code 1, instead of a
/// Swift error dump.
func reportingErrors<R>(_ body: () throws -> R) throws -> R {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// `reportingErrors` for async bodies (the pooled jobs).
func reportingErrors<R>(_ body: () async throws -> R) async throws -> R {
    do {
        return try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError("\(error)")
        throw ExitCode.failure
    }
}

/// Prints a line to stdout, unbuffered, so it keeps its place among the progress display's lines. A closed stdout
/// (`distswift … | head`) is not an error worth crashing for.
func say(_ text: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
}

/// Prints "distswift: error: …" to stderr.
func printError(_ text: String) {
    try? FileHandle.standardError.write(contentsOf: Data("distswift: error: \(text)\n".utf8))
}
