import Glibc

/// The few signal dispositions a controller and its workers change.
public enum ProcessSignals {
    /// Writing to a worker that has just died must fail with an error the controller handles (it replaces the
    /// worker), not end the controller, which is what SIGPIPE does by default. Children get the default back: the
    /// spawner resets every signal of a new process.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Ends this process at once, as `kill -9` or the kernel's out-of-memory killer would: for fault-injection tests.
    public static func killCurrentProcess() -> Never {
        kill(getpid(), SIGKILL)
        while true { pause() }
    }

    /// Ends this process with SIGSEGV, as a native library reading a corrupt file can: for fault-injection tests.
    public static func crashCurrentProcess() -> Never {
        signal(SIGSEGV, SIG_DFL)
        kill(getpid(), SIGSEGV)
        while true { pause() }
    }
}
