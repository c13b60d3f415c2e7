import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs another program to its end, with its output captured and a time limit.
///
/// The child's standard input is a pipe that stays open while the parent lives: a child that watches
/// it (as `workshop-grader` and the Redis watchdog do) ends itself when the parent dies, even by
/// `kill -9`, on Linux and macOS alike.
public enum ChildProcess {
    /// How a child ended and what it wrote.
    public struct Result: Sendable {
        /// The exit status, when the child exited.
        public var exitStatus: Int32?
        /// The signal that ended the child, when one did (a trap is SIGILL or SIGTRAP).
        public var signal: Int32?
        /// True when the parent ended the child at the time limit.
        public var timedOut: Bool
        /// Everything the child wrote on standard output, as UTF-8.
        public var standardOutput: String
        /// Everything the child wrote on standard error, as UTF-8.
        public var standardError: String

        /// Makes a result (the grader's own tests describe crashes with it).
        public init(
            exitStatus: Int32?,
            signal: Int32?,
            timedOut: Bool,
            standardOutput: String,
            standardError: String
        ) {
            self.exitStatus = exitStatus
            self.signal = signal
            self.timedOut = timedOut
            self.standardOutput = standardOutput
            self.standardError = standardError
        }

        /// True when the child exited with status 0.
        public var succeeded: Bool { exitStatus == 0 }
    }

    /// Runs `executable` with `arguments` and waits for it, ending it with SIGKILL after `timeout`.
    ///
    /// - Parameters:
    ///   - environment: the child's environment (the parent's when nil).
    ///   - directory: the child's working directory (the parent's when nil).
    /// - Throws: `ExerciseError` when the program cannot be started.
    public static func run(
        _ executable: String,
        arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        timeout: Duration? = nil
    ) async throws(ExerciseError) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let input = Pipe.closedOnExec()
        let output = Pipe.closedOnExec()
        let errors = Pipe.closedOnExec()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            throw ExerciseError("cannot start \(executable): \(error.localizedDescription)")
        }
        let timedOut = LockedFlag()
        let outcome: (Data, Data) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let group = DispatchGroup()
                let captured = CapturedOutput()
                DispatchQueue.global().async(group: group) {
                    captured.setOutput(output.fileHandleForReading.readDataToEndOfFile())
                }
                DispatchQueue.global().async(group: group) {
                    captured.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
                }
                if let timeout {
                    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                    if ended.wait(timeout: .now() + seconds) == .timedOut {
                        timedOut.set()
                        kill(process.processIdentifier, SIGKILL)
                        ended.wait()
                    }
                } else {
                    ended.wait()
                }
                // A grandchild that kept the pipes open must not hold the parent: give it a moment.
                _ = group.wait(timeout: .now() + 5)
                try? input.fileHandleForWriting.close()
                continuation.resume(returning: captured.both)
            }
        }
        let bySignal = process.terminationReason == .uncaughtSignal
        return Result(
            exitStatus: bySignal ? nil : process.terminationStatus,
            signal: bySignal ? process.terminationStatus : nil,
            timedOut: timedOut.isSet,
            standardOutput: String(decoding: outcome.0, as: UTF8.self),
            standardError: String(decoding: outcome.1, as: UTF8.self)
        )
    }

    /// The full path of `name` found on `PATH`, or nil.
    public static func locate(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
