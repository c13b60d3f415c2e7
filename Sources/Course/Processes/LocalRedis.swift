import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `redis-server` on a free loopback port, started for grading and stopped with the program that
/// started it.
///
/// Redis runs under a small shell watchdog whose standard input is a pipe this process holds: when this
/// process ends for any reason (normally, by a crash, or by `kill -9`) the pipe closes and the watchdog
/// stops Redis. Nothing is left running, on Linux and macOS alike.
public final class LocalRedis: @unchecked Sendable {
    /// The address Redis listens on.
    public let host = "127.0.0.1"
    /// The port Redis listens on.
    public let port: Int

    private let watchdog: Process
    private let lifeline: Pipe
    private let folder: String

    /// The watchdog: runs Redis (`$0`) on port `$1` in folder `$2`, and stops it when its input closes.
    ///
    /// It waits in the foreground `cat` rather than the `wait` builtin, which sleeps until SIGCHLD: a
    /// child started from a Swift program may inherit a signal mask that blocks it. For the same reason
    /// Redis is stopped with SIGKILL, which no mask blocks; it keeps nothing (`--save ''`), so nothing
    /// is lost.
    static let watchdogScript = """
        "$0" --port "$1" --bind 127.0.0.1 --save '' --appendonly no --dir "$2" --daemonize no \
            </dev/null >/dev/null 2>&1 &
        server=$!
        cat >/dev/null
        kill -9 "$server" 2>/dev/null
        """

    private init(port: Int, watchdog: Process, lifeline: Pipe, folder: String) {
        self.port = port
        self.watchdog = watchdog
        self.lifeline = lifeline
        self.folder = folder
    }

    /// Starts Redis and waits until it accepts connections (at most 10 seconds).
    ///
    /// - Throws: `ExerciseError` naming how to install Redis when `redis-server` is not on `PATH`, or
    ///   when it does not start.
    public static func start() async throws(ExerciseError) -> LocalRedis {
        guard let server = ChildProcess.locate("redis-server") else {
            throw ExerciseError(
                "redis-server is not installed; " + Platform.installHint(debian: "redis-server", brew: "redis")
            )
        }
        let port = try LoopbackPort.free()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workshop-redis-\(port)-\(UUID().uuidString.prefix(8))"
        ).path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", watchdogScript, server, String(port), folder]
        let lifeline = Pipe.closedOnExec()
        watchdog.standardInput = lifeline
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        do {
            try watchdog.run()
        } catch {
            throw ExerciseError("cannot start redis-server: \(error.localizedDescription)")
        }
        let redis = LocalRedis(port: port, watchdog: watchdog, lifeline: lifeline, folder: folder)
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if LoopbackPort.isAccepting(port) { return redis }
            if !watchdog.isRunning { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        redis.stop()
        throw ExerciseError("redis-server did not start on 127.0.0.1:\(port) within 10 s")
    }

    /// Stops Redis and waits for it (at most 5 seconds: the watchdog is then ended itself).
    public func stop() {
        try? lifeline.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while watchdog.isRunning && Date() < deadline { usleep(10_000) }
        if watchdog.isRunning { kill(watchdog.processIdentifier, SIGKILL) }
        watchdog.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit {
        if watchdog.isRunning { stop() }
    }
}
