import Dispatch
import Glibc

/// Runs a handler when the user presses Ctrl-C (SIGINT), instead of the process ending there and then, so a
/// controller can stop its workers and write its report first.
public final class InterruptWatch: @unchecked Sendable {
    // A dispatch source is safe to use from any thread; it is only created, resumed and cancelled here.
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// `alsoTermination`: SIGTERM too (how a service manager such as systemd stops a long-running `watch`).
    public init(alsoTermination: Bool = false, handler: @escaping @Sendable () -> Void) {
        signals = alsoTermination ? [SIGINT, SIGTERM] : [SIGINT]
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    /// Gives Ctrl-C (and SIGTERM) its default meaning back.
    public func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}
