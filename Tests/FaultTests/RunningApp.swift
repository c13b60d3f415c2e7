import Exposition
import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// One of the package's app executables, as built, running as its own process on a free loopback port.
final class RunningApp: @unchecked Sendable {
    /// The port the app listens on, on 127.0.0.1.
    let port: Int
    /// The process.
    let process: ManagedProcess

    private init(port: Int, process: ManagedProcess) {
        self.port = port
        self.process = process
    }

    /// Starts the executable `name` (such as `instrumented-app`) against `redis`, and waits until it listens.
    ///
    /// - Parameter redisTimeoutMilliseconds: the app's `REDIS_TIMEOUT_MS`.
    static func start(
        _ name: String,
        redis: RedisServer,
        redisTimeoutMilliseconds: Int = 500
    ) async throws -> RunningApp {
        let executable = try Repository.builtExecutable(name)
        var lastError: Error = TestSupportError("\(name) was not started")
        for _ in 0..<3 {
            let port = try FreePort.next()
            do {
                let process = try await ManagedProcess.start(
                    executable: executable,
                    arguments: [],
                    environment: [
                        "HTTP_HOST": "127.0.0.1",
                        "HTTP_PORT": String(port),
                        "REDIS_HOST": redis.host,
                        "REDIS_PORT": String(redis.port),
                        "REDIS_TIMEOUT_MS": String(redisTimeoutMilliseconds),
                        "LOG_LEVEL": "warning",
                    ],
                    waitingForPort: port
                )
                return RunningApp(port: port, process: process)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    /// Sends one request on a new connection (`Connection: close`) and returns the answer.
    func request(
        _ method: String,
        _ path: String,
        body: String? = nil,
        timeout: Double = 10
    ) throws -> RawHTTPResponse {
        let connection = try RawHTTPConnection(port: port, timeout: timeout)
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let body {
            text += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            text += "\r\n"
        }
        try connection.send(text)
        return try connection.readResponse()
    }

    /// Scrapes `/metrics` and parses it with the project's exposition parser.
    func metrics() throws -> [MetricFamily] {
        let response = try request("GET", "/metrics")
        guard response.status == 200 else {
            throw TestSupportError("GET /metrics answered \(response.status): \(response.text.prefix(300))")
        }
        return try ExpositionParser.parse(response.text)
    }

    /// The app's resident set size in KiB (`VmRSS` in /proc/PID/status).
    func residentKiB() throws -> Int {
        try Self.statusField("VmRSS", pid: process.pid)
    }

    /// How many file descriptors the app has open (entries of /proc/PID/fd).
    func openFileDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.pid)/fd").count
    }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// Stops the app by its PID.
    func stop() { process.stop() }

    /// What the app wrote to stdout and stderr so far (the end of it).
    func logTail() -> String { String(process.log().suffix(2000)) }

    private static func statusField(_ field: String, pid: Int32) throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Int(parts[1]) { return value }
        }
        throw TestSupportError("no \(field) in /proc/\(pid)/status")
    }
}
