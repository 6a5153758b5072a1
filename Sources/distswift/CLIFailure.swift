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
        FileHandle.standardError.write(Data("distswift: error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// Prints a line to stdout.
func say(_ text: String) {
    print(text)
}
