#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether output goes to a person (colour, live progress) or to a pipe or file (plain, parseable).
enum Terminal {
    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Colour on standard output: only on a terminal, and never when NO_COLOR is set to anything but the empty
    /// string (https://no-color.org).
    static var colourOnStandardOutput: Bool { standardOutputIsTerminal && !noColourRequested }

    static var noColourRequested: Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    /// Width of the terminal on standard error, 80 when unknown.
    static var columns: Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func printError(_ message: String) {
        var line = message
        if !line.hasSuffix("\n") { line += "\n" }
        fputs(line, stderr)
    }
}
