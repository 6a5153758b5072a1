import Glibc

/// Whether a standard stream is a terminal, to choose between a progress bar redrawn in place and plain lines.
public enum Terminal {
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}
