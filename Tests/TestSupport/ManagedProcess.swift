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
    /// Where the process's standard output is written, and its standard error unless captured apart.
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
        try launch(
            executable: executable,
            arguments: arguments,
            environment: environment,
            removingEnvironment: removingEnvironment,
            currentDirectory: currentDirectory,
            inputFile: nil,
            errorFile: nil
        )
    }

    /// Starts `executable`: standard input from `inputFile` (else /dev/null), standard output to the log
    /// file, standard error to `errorFile` (else to the log file too).
    private static func launch(
        executable: String,
        arguments: [String],
        environment: [String: String],
        removingEnvironment: Set<String>,
        currentDirectory: URL?,
        inputFile: URL?,
        errorFile: URL?
    ) throws -> ManagedProcess {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let logFile = try makeTemporaryFile("infraobs-\(name)-\(UUID().uuidString.prefix(8)).log")
        var env = ProcessInfo.processInfo.environment
        for key in removingEnvironment { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        let pid = try spawn(
            executable: executable,
            arguments: [executable] + arguments,
            environment: env.map { "\($0.key)=\($0.value)" },
            inputPath: inputFile?.path ?? "/dev/null",
            logPath: logFile.path,
            errorPath: errorFile?.path,
            currentDirectory: currentDirectory?.path
        )
        return ManagedProcess(executable: executable, pid: pid, logFile: logFile)
    }

    /// Creates an empty file named `name` in the temporary folder.
    private static func makeTemporaryFile(_ name: String, contents: String = "") throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(contents.utf8)) else {
            throw TestSupportError("cannot create the file \(file.path)")
        }
        return file
    }

    /// Starts `executable` with `arguments` and waits until it accepts connections on 127.0.0.1:`port`.
    ///
    /// - Parameters:
    ///   - environment: extra variables, added to this process's environment.
    ///   - removingEnvironment: variables of this process the child must not inherit.
    ///   - readyTimeout: how long to wait for the port before giving up and stopping the process.
    public static func start(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        removingEnvironment: Set<String> = [],
        waitingForPort port: Int,
        readyTimeout: TimeInterval = 20,
        currentDirectory: URL? = nil
    ) async throws -> ManagedProcess {
        let managed = try launch(
            executable: executable,
            arguments: arguments,
            environment: environment,
            removingEnvironment: removingEnvironment,
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
        let status = try await managed.waitForExit(timeout: timeout, arguments: arguments)
        return (status, managed.log())
    }

    /// Runs `executable` to completion, with `input` on its standard input, and returns its exit status and
    /// what it wrote on standard output and on standard error, apart.
    ///
    /// Output goes to files, so a process that writes a lot cannot block on a full pipe, and the wait
    /// suspends instead of blocking a thread, so servers in the same test process keep running.
    ///
    /// - Parameters:
    ///   - environment: extra variables, added to this process's environment.
    ///   - currentDirectory: where it runs: the repository's top folder unless told otherwise.
    ///   - timeout: the process is killed (and this throws) when it runs longer.
    public static func capture(
        executable: String,
        arguments: [String],
        environment: [String: String] = [:],
        currentDirectory: URL = Repository.root,
        input: String = "",
        timeout: TimeInterval = 600
    ) async throws -> ProcessOutcome {
        let name = URL(fileURLWithPath: executable).lastPathComponent
        let tag = UUID().uuidString.prefix(8)
        let inputFile = try makeTemporaryFile("infraobs-\(name)-\(tag).in", contents: input)
        let errorFile = try makeTemporaryFile("infraobs-\(name)-\(tag).err")
        defer {
            try? FileManager.default.removeItem(at: inputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let managed = try launch(
            executable: executable,
            arguments: arguments,
            environment: environment,
            removingEnvironment: [],
            currentDirectory: currentDirectory,
            inputFile: inputFile,
            errorFile: errorFile
        )
        let status = try await managed.waitForExit(timeout: timeout, arguments: arguments)
        return ProcessOutcome(
            status: status,
            standardOutput: managed.log(),
            standardError: (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        )
    }

    /// Waits for the process to exit within `timeout` and returns its status; else kills it and throws.
    private func waitForExit(timeout: TimeInterval, arguments: [String]) async throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let status = exitStatusIfExited() { return status }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        stop(grace: 1)
        throw TestSupportError(
            "\(executable) \(arguments.joined(separator: " ")) ran longer than \(timeout) s: \(log().suffix(2000))"
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
        inputPath: String,
        logPath: String,
        errorPath: String?,
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
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND, 0o644)
        if let errorPath {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
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
