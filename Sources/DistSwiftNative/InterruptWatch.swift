import Dispatch
import Glibc

/// Runs a handler when the user presses Ctrl-C (SIGINT), instead of the process ending there and then, so a
/// controller can stop its workers and write its report first.
public final class InterruptWatch: @unchecked Sendable {
    // A dispatch source is safe to use from any thread; it is only created, resumed and cancelled here.
    private let source: any DispatchSourceSignal

    public init(handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
    }

    /// Gives Ctrl-C its default meaning back.
    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
