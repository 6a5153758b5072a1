import DistSwiftCalc
import DistSwiftIO
import DistSwiftNative
import DistSwiftObjectStore
import Foundation

extension TaskAttempt.Failure {
    /// The kind of an error a task threw. Problems of the input — an unrecognised or corrupt file (RecordError,
    /// NPYFormatError, TDMS and WITSML errors), an inconsistent store (StoreError), a config or graph that does not
    /// fit the data (ConfigError, GraphProblems, ParameterProblem), a command refusing the chunk it got
    /// (CommandError) — fail the same way on every try. Errors of the system below (NativeError from a system call
    /// or library: ENOSPC, EIO, a vanished file; S3Error) may pass.
    public static func classify(_ error: any Error) -> TaskAttempt.Failure {
        switch error {
        case is NativeError, is S3Error, is CocoaError: return .io
        case is RecordError, is NPYFormatError, is StoreError, is ConfigError, is WITSMLReadError, is GraphProblems,
             is ParameterProblem, is StoragePathError:
            return .input
        case let error as CommandError:
            // The engine wraps what failed below a command: an I/O error while writing stays an I/O error; a
            // command's own refusal of its data has no cause and is the input's.
            return error.cause.map(classify) ?? .input
        default:
            return .other
        }
    }
}
