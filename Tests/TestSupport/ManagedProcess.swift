import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process a test started and owns: it is stopped by its PID, never by name.
///
/// `start` fails with a message naming the Debian package when the binary is missing, so a
/// missing server is a failing test that says what to install, never a silent skip.
///
/// Children are spawned with `posix_spawn` and an empty signal mask with default dispositions:
/// the threads Swift concurrency runs on block most signals, and a child started from one of them
/// (as Foundation's `Process` does) would inherit that mask and ignore SIGTERM and SIGINT.
public final class ManagedProcess: @unchecked Sendable {
    /// The executable's path.
    public let executable: String
    /// The process's PID.
    public let pid: Int32
    /// Where the process's standard output and error are written.
    public let logFile: URL

    private let lock = NSLock()
    private var stopped = false
    private var exitStatus: Int32?

    private init(executable: String, pid: Int32, logFile: URL) {
        self.executable = executable
        self.pid = pid
        self.logFile = logFile
    }

    /// Finds `name` on the PATH (or as given, when it contains a slash).
    public static func locate(_ name: String, debianPackage: String) throws -> String {
        if name.contains("/") {
            if FileManager.default.isExecutableFile(atPath: name) { return name }
            throw TestSupportError("\(name) is not an executable file")
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError(
            "\(name) was not found on this machine: install it with `apt-get install \(debianPackage)` "
                + "(or run ./scripts/install-deps)"
        )
    }

    /// Returns the path of an executable product of this package (such as `redis-app`), built next to
    /// the test binary by `swift build` / `swift test`.
    ///
    /// - Throws: `TestSupportError` saying to run `swift build --product <name>` when it is missing.
    public static func builtExecutable(_ name: String) throws -> String {
        var directories: [URL] = []
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
            // On Linux the test binary is `<Package>PackageTests.xctest` in the build directory.
            directories.append(executable.deletingLastPathComponent().deletingLastPathComponent())
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in directories {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError(
            "the executable \(name) was not found next to the tests (looked in "
                + directories.map(\.path).joined(separator: ", ") + "): build it with `swift build --product \(name)`"
        )
    }

    /// Starts `executable` with `arguments` without waiting for anything.
    ///
    /// - Parameters:
    ///   - environment: extra variables, added to this process's environment.
    ///   - removingEnvironment: variables of this process the child must not inherit.
    public static func launch(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        removingEnvironment: Set<String> = [],
        currentDirectory: URL? = nil
    ) throws -> ManagedProcess {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let logFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-\(name)-\(UUID().uuidString.prefix(8)).log")
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else {
            throw TestSupportError("cannot create the log file \(logFile.path)")
        }
        var env = ProcessInfo.processInfo.environment
        for key in removingEnvironment { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        let pid = try spawn(
            executable: executable,
            arguments: [executable] + arguments,
            environment: env.map { "\($0.key)=\($0.value)" },
            logPath: logFile.path,
            currentDirectory: currentDirectory?.path
        )
        return ManagedProcess(executable: executable, pid: pid, logFile: logFile)
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
        let managed = try launch(
            executable: executable,
            arguments: arguments,
            environment: environment,
            currentDirectory: currentDirectory
        )
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let deadline = Date().addingTimeInterval(readyTimeout)
        while Date() < deadline {
            if FreePort.isAccepting(port) { return managed }
            if let status = managed.exitStatusIfExited() {
                throw TestSupportError(
                    "\(name) exited with status \(status) before listening on port \(port): "
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

    /// Runs `executable` to completion and returns its exit status and everything it wrote
    /// (standard output and error together).
    ///
    /// - Parameter timeout: the process is killed (and this throws) when it runs longer.
    public static func run(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        removingEnvironment: Set<String> = [],
        currentDirectory: URL? = nil,
        timeout: TimeInterval = 60
    ) async throws -> (status: Int32, output: String) {
        let managed = try launch(
            executable: executable,
            arguments: arguments,
            environment: environment,
            removingEnvironment: removingEnvironment,
            currentDirectory: currentDirectory
        )
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = managed.exitStatusIfExited() { return (status, managed.log()) }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        managed.stop(grace: 1)
        throw TestSupportError(
            "\(executable) \(arguments.joined(separator: " ")) ran longer than \(timeout) s: \(managed.log().suffix(2000))"
        )
    }

    /// Whether the process is still running.
    public var isRunning: Bool { exitStatusIfExited() == nil }

    /// What the process wrote so far.
    public func log() -> String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` to the process (by its PID), unless it has already exited.
    public func send(_ signal: Int32) {
        lock.withLock {
            if exitStatus == nil { _ = kill(pid, signal) }
        }
    }

    /// Stops the process: SIGTERM, then SIGKILL after `grace` seconds; waits for it to exit.
    public func stop(grace: TimeInterval = 5) {
        let alreadyStopped = lock.withLock {
            defer { stopped = true }
            return stopped
        }
        guard !alreadyStopped, isRunning else { return }
        send(SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(5_000) }
        if isRunning { send(SIGKILL) }
        _ = waitForExit()
    }

    /// Waits for the process to exit on its own and returns its status: the exit code, or
    /// 128 + the signal number when a signal ended it (as a shell reports it).
    public func waitForExit() -> Int32 {
        while true {
            if let status = exitStatusIfExited() { return status }
            usleep(5_000)
        }
    }

    /// The exit status when the process has exited (reaping it), nil while it runs.
    public func exitStatusIfExited() -> Int32? {
        lock.withLock {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
            } else if result < 0 {
                // Not our child any more (already reaped): report it as gone.
                exitStatus = -1
            }
            return exitStatus
        }
    }

    deinit {
        if exitStatusIfExited() == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: logFile)
    }

    private static func spawn(
        executable: String,
        arguments: [String],
        environment: [String],
        logPath: String,
        currentDirectory: String?
    ) throws -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // posix_spawn_file_actions_addchdir_np is not visible from Swift: change directory through
        // the shell, which then replaces itself with the program (same PID).
        var arguments = arguments
        var path = executable
        if let currentDirectory {
            arguments =
                ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", currentDirectory, executable] + arguments.dropFirst()
            path = "/bin/sh"
        }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestSupportError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
