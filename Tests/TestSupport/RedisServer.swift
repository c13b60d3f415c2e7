import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Redis server for one test: Debian's `redis-server` started on a free loopback port, or the
/// server named by `REDIS_HOST`/`REDIS_PORT` when both are set.
///
/// A server the test started can be stopped (by its PID), suspended and restarted on the same port,
/// so a test can watch an app lose Redis mid-run and recover. It keeps nothing on disk
/// (`--save "" --appendonly no`) and works in its own temporary directory.
///
/// ```swift
/// try await RedisServer.with { redis in
///     let client = RedisClient(host: redis.host, port: redis.port)
///     ...
/// }
/// ```
public final class RedisServer: @unchecked Sendable {
    /// The host clients connect to.
    public let host: String
    /// The port clients connect to.
    public let port: Int
    /// True when the server came from `REDIS_HOST`/`REDIS_PORT` and this object does not own it.
    public let isExternal: Bool
    /// `host:port`, the way the apps name Redis in their errors.
    public var address: String { "\(host):\(port)" }

    private let executable: String?
    private let directory: URL?
    private let lock = NSLock()
    private var process: ManagedProcess?

    private init(host: String, port: Int, executable: String?, directory: URL?, process: ManagedProcess?) {
        self.host = host
        self.port = port
        self.isExternal = executable == nil
        self.executable = executable
        self.directory = directory
        self.process = process
    }

    /// Starts a Redis server for a test, or returns the one `REDIS_HOST`/`REDIS_PORT` name.
    ///
    /// - Parameters:
    ///   - reusingEnvironment: when false, always starts an owned server, even when the environment
    ///     names one (tests that stop, suspend or restart Redis, or list every key, need their own).
    ///   - executableName: the server binary to look for on the PATH.
    /// - Throws: `TestSupportError` saying to install `redis-server` when the binary is missing,
    ///   or why the server did not start.
    public static func start(
        reusingEnvironment: Bool = true,
        executableName: String = "redis-server"
    ) async throws -> RedisServer {
        let environment = ProcessInfo.processInfo.environment
        if reusingEnvironment, let host = environment["REDIS_HOST"], let portText = environment["REDIS_PORT"] {
            guard let port = Int(portText), (1...65535).contains(port) else {
                throw TestSupportError("REDIS_PORT must be a port number from 1 to 65535, got '\(portText)'")
            }
            let server = RedisServer(host: host, port: port, executable: nil, directory: nil, process: nil)
            guard (try? server.command(["PING"])) == "+PONG" else {
                throw TestSupportError("REDIS_HOST/REDIS_PORT name \(server.address), which does not answer PING")
            }
            return server
        }
        let executable = try ManagedProcess.locate(executableName, debianPackage: "redis-server")
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-redis-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastError: Error = TestSupportError("redis-server did not start")
        // Another process may take the free port before redis-server binds it: try a new one.
        for _ in 0..<3 {
            let port = try FreePort.next()
            do {
                let process = try await launch(executable: executable, port: port, directory: directory)
                return RedisServer(
                    host: "127.0.0.1",
                    port: port,
                    executable: executable,
                    directory: directory,
                    process: process
                )
            } catch {
                lastError = error
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    /// Starts a server, runs `body` with it, and shuts the server down however `body` ends.
    public static func with<T>(
        reusingEnvironment: Bool = true,
        _ body: (RedisServer) async throws -> T
    ) async throws -> T {
        let server = try await start(reusingEnvironment: reusingEnvironment)
        do {
            let result = try await body(server)
            server.shutdown()
            return result
        } catch {
            server.shutdown()
            throw error
        }
    }

    /// The PID of the running server, or nil when it is stopped or external.
    public var pid: Int32? {
        lock.lock()
        defer { lock.unlock() }
        guard let process, process.isRunning else { return nil }
        return process.pid
    }

    /// Stops the server (SIGTERM to its PID, then SIGKILL) and waits until it has exited.
    ///
    /// Clients see refused connections until `restart()`.
    public func stop() throws {
        let process = try owned("stop")
        process.send(SIGCONT)
        process.stop()
    }

    /// Starts the server again on the same port, after `stop()`, and waits until it answers PING.
    public func restart() async throws {
        guard let executable, let directory else {
            throw TestSupportError(
                "cannot restart \(address): REDIS_HOST/REDIS_PORT name a server this test does not own"
            )
        }
        let old = lock.withLock { self.process }
        old?.stop()
        let started = try await Self.launch(executable: executable, port: port, directory: directory)
        lock.withLock { self.process = started }
    }

    /// Freezes the server (SIGSTOP): connections are still accepted by the kernel but nothing answers,
    /// so clients run into their timeouts. `resume()` undoes it.
    public func suspend() throws {
        try owned("suspend").send(SIGSTOP)
    }

    /// Lets a suspended server run again (SIGCONT).
    public func resume() throws {
        try owned("resume").send(SIGCONT)
    }

    /// Ends an owned server at once (SIGKILL: it keeps no data) and removes its directory; does nothing
    /// for an external server.
    public func shutdown() {
        let process = lock.withLock { () -> ManagedProcess? in
            defer { self.process = nil }
            return self.process
        }
        process?.send(SIGKILL)
        process?.stop()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// What the owned server wrote to its log so far (empty for an external server).
    public func log() -> String {
        lock.withLock { process }?.log() ?? ""
    }

    /// Returns a key prefix no other test uses, such as `test:3f2a9c1e:`, so tests can share one server.
    public static func makeKeyPrefix() -> String {
        "test:\(UUID().uuidString.prefix(8).lowercased()):"
    }

    /// Sends one command over a fresh connection and returns the reply in RESP form: the status or
    /// error line (`+PONG`, `-ERR ...`), the integer line (`:1`), or a bulk string's content.
    ///
    /// For checking what the server holds independently of the code under test.
    public func command(_ arguments: [String], timeout: TimeInterval = 2) throws -> String {
        try Self.command(arguments, host: host, port: port, timeout: timeout)
    }

    deinit {
        if let process {
            process.send(SIGCONT)
            process.stop(grace: 1)
        }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: Private

    private func owned(_ action: String) throws -> ManagedProcess {
        guard let process = lock.withLock({ process }) else {
            throw TestSupportError(
                isExternal
                    ? "cannot \(action) \(address): REDIS_HOST/REDIS_PORT name a server this test does not own"
                    : "cannot \(action) \(address): the server was shut down"
            )
        }
        return process
    }

    private static func launch(executable: String, port: Int, directory: URL) async throws -> ManagedProcess {
        let process = try await ManagedProcess.start(
            executable: executable,
            arguments: [
                "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", directory.path,
            ],
            waitingForPort: port
        )
        // The port answering is not enough: it must be our server (its PID) and it must answer.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard process.isRunning else {
                throw TestSupportError(
                    "redis-server exited while starting on port \(port): \(process.log().suffix(2000))"
                )
            }
            if let info = try? command(["INFO", "server"], host: "127.0.0.1", port: port, timeout: 1),
                info.contains("process_id:\(process.pid)\r\n")
            {
                return process
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        process.stop()
        throw TestSupportError(
            "redis-server on port \(port) did not answer INFO within 10 s: \(process.log().suffix(2000))"
        )
    }

    private static func command(_ arguments: [String], host: String, port: Int, timeout: TimeInterval) throws -> String
    {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int(timeout.truncatingRemainder(dividingBy: 1) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestSupportError("cannot connect to \(host):\(port): errno \(errno)") }
        var request = "*\(arguments.count)\r\n"
        for argument in arguments { request += "$\(argument.utf8.count)\r\n\(argument)\r\n" }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestSupportError("send to \(host):\(port) failed: errno \(errno)") }
            sent += n
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            if let text = complete(reply) { return text }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw TestSupportError("no reply from \(host):\(port) within \(timeout) s") }
            reply.append(contentsOf: buffer[0..<n])
        }
    }

    /// Returns the reply when `bytes` hold a whole one: a line, or a bulk string's content.
    private static func complete(_ bytes: [UInt8]) -> String? {
        guard let end = bytes.firstIndex(of: 10), end > 0, bytes[end - 1] == 13 else { return nil }
        let line = String(decoding: bytes[0..<(end - 1)], as: UTF8.self)
        guard line.hasPrefix("$") else { return line }
        guard let length = Int(line.dropFirst()) else { return line }
        if length < 0 { return line }
        let start = end + 1
        guard bytes.count >= start + length + 2 else { return nil }
        return String(decoding: bytes[start..<(start + length)], as: UTF8.self)
    }
}
