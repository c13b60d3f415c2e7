import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the command writes: results on stdout, diagnostics on stderr.
enum Output {
    /// True when stdout is a terminal and `NO_COLOR` is not set.
    static var stdoutIsTerminal: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Writes `text` to stdout as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes bytes to stdout.
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes a line to stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
