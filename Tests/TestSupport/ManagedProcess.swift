import Foundation

/// A child process a test started and owns: it is stopped by its PID, never by name.
///
/// `start` fails with a message naming the Debian package when the binary is missing, so a
/// missing server is a failing test that says what to install, never a silent skip.
public final class ManagedProcess: @unchecked Sendable {
    /// The executable's path.
    public let executable: String
    /// The process's PID.
    public var pid: Int32 { process.processIdentifier }
    /// Where the process's standard output and error are written.
    public let logFile: URL

    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    private init(executable: String, process: Process, logFile: URL) {
        self.executable = executable
        self.process = process
        self.logFile = logFile
    }

    /// Finds `name` on the PATH (or as given, when it contains a slash).
    public static func locate(_ name: String, debianPackage: String) throws -> String {
        if name.contains("/") {
            if FileManager.default.isExecutableFile(atPath: name) { return name }
            throw TestSupportError("\(name) is not an executable file")
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/sbin", "/usr/bin", "/sbin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError(
            "\(name) was not found on this machine: install it with `apt-get install \(debianPackage)` "
                + "(or run ./scripts/install-deps)"
        )
    }

    /// Starts `executable` with `arguments` and waits until it accepts connections on 127.0.0.1:`port`.
    ///
    /// - Parameters:
    ///   - environment: extra variables, added to this process's environment.
    ///   - readyTimeout: how long to wait for the port before giving up and stopping the process.
    public static func start(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        waitingForPort port: Int,
        readyTimeout: TimeInterval = 20,
        currentDirectory: URL? = nil
    ) async throws -> ManagedProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-\(name)-\(port)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        let managed = ManagedProcess(executable: executable, process: process, logFile: logFile)
        let deadline = Date().addingTimeInterval(readyTimeout)
        while Date() < deadline {
            if FreePort.isAccepting(port) { return managed }
            if !process.isRunning {
                throw TestSupportError(
                    "\(name) exited with status \(process.terminationStatus) before listening on port \(port): "
                        + managed.log().suffix(2000)
                )
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        managed.stop()
        throw TestSupportError(
            "\(name) did not listen on 127.0.0.1:\(port) within \(readyTimeout) s: \(managed.log().suffix(2000))"
        )
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// What the process wrote so far.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the process (by its PID).
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Stops the process: SIGTERM, then SIGKILL after `grace` seconds; waits for it to exit.
    public func stop(grace: TimeInterval = 5) {
        lock.lock()
        let alreadyStopped = stopped
        stopped = true
        lock.unlock()
        guard !alreadyStopped, process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the process to exit on its own and returns its status.
    public func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        try? FileManager.default.removeItem(at: logFile)
    }
}
