import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real `prometheus` (Debian's package) on a free loopback port with its own empty database.
///
/// The server runs in a temporary directory that holds its TSDB and, unless a configuration file
/// is given, a configuration that scrapes nothing. `stop()` ends the process by its PID and
/// removes that directory. A missing binary fails with a message naming `apt-get install prometheus`.
public final class PrometheusServer: Sendable {
    /// The port Prometheus listens on, on 127.0.0.1.
    public let port: Int
    /// `http://127.0.0.1:<port>`.
    public let baseURL: URL
    /// The temporary directory holding the database (and the generated configuration).
    public let directory: URL
    /// The configuration file Prometheus was started with.
    public let configFile: URL
    /// The running process.
    public let process: ManagedProcess

    private let session: URLSession

    private init(port: Int, directory: URL, configFile: URL, process: ManagedProcess) {
        self.port = port
        self.baseURL = URL(string: "http://127.0.0.1:\(port)")!  // A literal URL with a numeric port always parses.
        self.directory = directory
        self.configFile = configFile
        self.process = process
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.timeoutIntervalForRequest = 30
        self.session = URLSession(configuration: configuration)
    }

    /// The configuration written when none is given: no scrape jobs, so the database stays empty.
    public static let emptyConfiguration = """
        global:
          scrape_interval: 15s
          evaluation_interval: 15s
        scrape_configs: []

        """

    /// Starts Prometheus and waits until `/-/ready` answers 200.
    ///
    /// - Parameters:
    ///   - configFile: a configuration file to use; by default one that scrapes nothing.
    ///   - extraArguments: more flags, such as `--web.enable-lifecycle`.
    ///   - readyTimeout: how long to wait for the server to become ready.
    public static func start(
        configFile: URL? = nil,
        extraArguments: [String] = [],
        readyTimeout: TimeInterval = 30
    ) async throws -> PrometheusServer {
        let executable = try ManagedProcess.locate("prometheus", debianPackage: "prometheus")
        var lastError: Error = TestSupportError("prometheus was not started")
        // A free port can be taken by someone else before Prometheus binds it: try a few.
        for _ in 0..<3 {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("infraobs-prometheus-\(UUID().uuidString.prefix(12))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config: URL
            if let configFile {
                config = configFile
            } else {
                config = directory.appendingPathComponent("prometheus.yml")
                try emptyConfiguration.write(to: config, atomically: true, encoding: .utf8)
            }
            let port = try FreePort.next()
            let arguments =
                [
                    "--config.file=\(config.path)",
                    "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                    "--web.listen-address=127.0.0.1:\(port)",
                ] + extraArguments
            do {
                let process = try await ManagedProcess.start(
                    executable: executable,
                    arguments: arguments,
                    waitingForPort: port,
                    readyTimeout: readyTimeout,
                    currentDirectory: directory
                )
                let server = PrometheusServer(port: port, directory: directory, configFile: config, process: process)
                do {
                    try await server.waitUntilReady(timeout: readyTimeout)
                } catch {
                    server.stop()
                    throw error
                }
                return server
            } catch {
                try? FileManager.default.removeItem(at: directory)
                lastError = error
            }
        }
        throw lastError
    }

    /// Polls `/-/ready` until it answers 200.
    private func waitUntilReady(timeout: TimeInterval) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = "no answer"
        while Date() < deadline {
            if !process.isRunning {
                throw TestSupportError("prometheus exited before it was ready: \(process.log().suffix(2000))")
            }
            if let (status, body) = try? await get("/-/ready") {
                if status == 200 { return }
                last = "HTTP \(status): \(String(decoding: body, as: UTF8.self))"
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw TestSupportError(
            "prometheus on port \(port) was not ready within \(timeout) s (\(last)): \(process.log().suffix(2000))"
        )
    }

    /// Runs an instant query through `/api/v1/query` (POST, so any length of expression fits).
    ///
    /// - Parameter time: the evaluation time as Prometheus reads it (RFC 3339 or Unix seconds); now by default.
    public func query(_ expression: String, time: String? = nil) async throws -> PrometheusAPIResponse {
        var form = [("query", expression)]
        if let time { form.append(("time", time)) }
        let (status, body) = try await post("/api/v1/query", form: form)
        return try PrometheusAPIResponse(httpStatus: status, body: body)
    }

    /// Formats an expression through `/api/v1/format_query`; the canonical form is `data` as a string.
    public func formatQuery(_ expression: String) async throws -> PrometheusAPIResponse {
        let (status, body) = try await post("/api/v1/format_query", form: [("query", expression)])
        return try PrometheusAPIResponse(httpStatus: status, body: body)
    }

    /// Sends a GET to `path` (with an optional query string) and returns the status and body.
    public func get(_ path: String) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: path, relativeTo: baseURL) else {
            throw TestSupportError("not a valid request path: \(path)")
        }
        return try await send(URLRequest(url: url))
    }

    /// Sends a form-encoded POST to `path` and returns the status and body.
    public func post(_ path: String, form: [(String, String)]) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: path, relativeTo: baseURL) else {
            throw TestSupportError("not a valid request path: \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(
            form.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&").utf8
        )
        return try await send(request)
    }

    private func send(_ request: URLRequest) async throws -> (status: Int, body: Data) {
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw TestSupportError("prometheus answered \(request.url?.path ?? "?") with a non-HTTP response")
        }
        return (http.statusCode, data)
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func formEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Stops Prometheus by its PID and removes its temporary directory (unless a given config lives elsewhere).
    public func stop() {
        process.stop()
        session.invalidateAndCancel()
        try? FileManager.default.removeItem(at: directory)
    }
}
