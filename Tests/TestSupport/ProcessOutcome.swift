/// How a process that ran to its end exited, and what it wrote on each stream.
public struct ProcessOutcome: Sendable {
    /// The exit code, or 128 + the signal number when a signal ended it (as a shell reports it).
    public var status: Int32
    /// What the process wrote on standard output, as UTF-8.
    public var standardOutput: String
    /// What the process wrote on standard error, as UTF-8.
    public var standardError: String
}
