import AppTracing
import Logging
import ServiceLifecycle
import Tracing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An async Redis client over hiredis.
///
/// hiredis blocks, so its calls run on a small pool of dedicated threads (`poolSize`), each owning at
/// most one connection; awaiting tasks are resumed when their reply arrives. Commands waiting together
/// are pipelined on one connection. Every command has a deadline (`timeout` after the call, waiting
/// for a thread included); a connection that fails is discarded and a new one is made for the next
/// command, so a client recovers by itself when Redis restarts.
///
/// The client is a `Service`: add it to the application's services and it is shut down after the
/// HTTP server, or call `shutdown()` yourself.
///
/// ```swift
/// let redis = RedisClient(host: "127.0.0.1", port: 6379)
/// try await redis.set("user:1", "Folan")
/// let value = try await redis.get("user:1")  // "Folan"
/// await redis.shutdown()
/// ```
public final class RedisClient: Service, Sendable {
    /// The host name or IP address of the server.
    public let host: String
    /// The server's TCP port.
    public let port: Int
    /// How long a command may take, from the call to the reply.
    public let timeout: Duration
    /// How many threads (and so connections, at most) the client uses.
    public let poolSize: Int
    /// `host:port`, as errors name the server.
    public var address: String { "\(host):\(port)" }

    private let observer: (any RedisCommandObserver)?
    private let tracer: (any Tracer)?
    private let pool: RedisWorkerPool
    private let timeoutNanoseconds: UInt64

    /// Makes a client and starts its threads; connections are made on the first commands.
    ///
    /// Creating a client sets the process to ignore SIGPIPE: hiredis writes with `write(2)`, and a
    /// write to a connection Redis closed must fail with an error, not end the process.
    ///
    /// - Parameters:
    ///   - timeout: the longest a command may take, waiting for a thread included (default 1 s).
    ///   - poolSize: the number of threads and connections (default 2). Fewer threads make bigger
    ///     pipelined batches and fewer thread wake-ups per command: on 2 cores, with two
    ///     `instrumented-app`s loaded side by side, 2 threads spent 6 to 24 % less CPU time per
    ///     request than 4 on every endpoint (medians of 3 to 5 rounds), and 1 thread served about a
    ///     quarter fewer `GET /items/{key}` than 4.
    ///   - logger: where connection losses are logged (info) and reconnections (debug).
    ///   - observer: told about every command, for metrics.
    ///   - tracer: when given, every command is a client span (see ``send(_:)``).
    public init(
        host: String = "127.0.0.1",
        port: Int = 6379,
        timeout: Duration = .seconds(1),
        poolSize: Int = 2,
        logger: Logger = Logger(label: "RedisClient"),
        observer: (any RedisCommandObserver)? = nil,
        tracer: (any Tracer)? = nil
    ) {
        signal(SIGPIPE, SIG_IGN)
        self.tracer = tracer
        self.host = host
        self.port = port
        self.timeout = timeout
        self.poolSize = max(poolSize, 1)
        self.observer = observer
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = max(seconds, 0) * 1_000_000_000 + max(attoseconds, 0) / 1_000_000_000
        self.timeoutNanoseconds = UInt64(max(nanoseconds, 1_000_000))
        var logger = logger
        logger[metadataKey: "redis.address"] = "\(host):\(port)"
        self.pool = RedisWorkerPool(
            host: host,
            port: port,
            timeout: timeoutNanoseconds,
            size: self.poolSize,
            logger: logger
        )
    }

    deinit {
        pool.beginShutdown()
    }

    /// Runs one command, such as `["SET", "user:1", "Folan"]`, and returns its reply.
    ///
    /// With a tracer, and unless the current span is already a client span, the command is a client span named after the command (`GET`), the child of the
    /// current span, with OpenTelemetry's database attributes: `db.system.name` `redis`,
    /// `db.operation.name` (the command), `server.address` and `server.port`; a failed command sets the
    /// span's status to error, with `error.type` and the error recorded.
    ///
    /// - Throws: `RedisError.serverError` for an error reply; `connectionFailed`, `timeout` or
    ///   `protocol` when the connection failed (it is then discarded).
    public func send(_ arguments: [String]) async throws(RedisError) -> RedisValue {
        // No tracer, or the caller already made the client span of this call (exercise 11's lookup span):
        // one remote call, one client span.
        guard let tracer else { return try await run(arguments) }
        let current = ServiceContext.current
        guard current?.spanKind != .client else { return try await run(arguments) }
        let name = arguments.first.map(Self.commandName) ?? ""
        let span = tracer.startSpan(name, context: current ?? .topLevel, ofKind: .client)
        defer { span.end() }
        if let recording = span as? RecordingSpan {
            // The apps' own tracer: new keys, added as a list.
            recording.addAttributes { attributes in
                attributes.append(("db.system.name", .string("redis")))
                attributes.append(("db.operation.name", .string(name)))
                attributes.append(("server.address", .string(host)))
                attributes.append(("server.port", .int64(Int64(port))))
            }
        } else if span.isRecording {
            span.updateAttributes { attributes in
                attributes.set("db.system.name", value: .string("redis"))
                attributes.set("db.operation.name", value: .string(name))
                attributes.set("server.address", value: .string(host))
                attributes.set("server.port", value: .int64(Int64(port)))
            }
        }
        do {
            return try await run(arguments)
        } catch {
            span.attributes["error.type"] = error.kind
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    private func run(_ arguments: [String]) async throws(RedisError) -> RedisValue {
        let start = ContinuousClock.now
        let deadline = monotonicNanoseconds() + timeoutNanoseconds
        let result = await withUnsafeContinuation { continuation in
            pool.submit(RedisJob(arguments: arguments, deadline: deadline, continuation: continuation))
        }
        if let observer {
            let name = arguments.first.map(Self.commandName) ?? ""
            switch result {
            case .success: observer.commandFinished(name, duration: start.duration(to: .now), error: nil)
            case .failure(let error): observer.commandFinished(name, duration: start.duration(to: .now), error: error)
            }
        }
        return try result.get()
    }

    /// A command's name in capitals, as observers get it. The client's own commands are written in
    /// capitals already, and uppercasing them anyway made a new string for every command.
    static func commandName(_ word: String) -> String {
        let hasLowercase = word.utf8.contains { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        return hasLowercase ? word.uppercased() : word
    }

    /// Stops taking commands, lets the queued ones finish, closes the connections and returns when
    /// the client's threads have exited. Commands sent afterwards fail with `connectionFailed`.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Runs as a service of a `ServiceGroup` (such as a Hummingbird application's): waits for the
    /// graceful shutdown, then shuts the client down.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
