import AppTracing
import Logging

/// How an app is configured: where it listens, where Redis is, how long Redis may take, how much it logs.
///
/// Each setting comes from a command-line option, else its environment variable, else its default
/// (see `AppConfiguration.fromCommandLine(usesRedis:defaultPort:)`):
///
/// | Variable | Option | Default |
/// | --- | --- | --- |
/// | `HTTP_HOST` | `--http-host` | `127.0.0.1` |
/// | `HTTP_PORT` | `--http-port` | `9000` (`workshop-app`: `9001`) |
/// | `REDIS_HOST` | `--redis-host` | `127.0.0.1` |
/// | `REDIS_PORT` | `--redis-port` | `6379` |
/// | `REDIS_TIMEOUT_MS` | `--redis-timeout-ms` | `1000` |
/// | `LOG_LEVEL` | `--log-level` | `info` |
/// | `LOG_FORMAT` | `--log-format` | `text` on a terminal, else `json` |
/// | `OTEL_EXPORTER_OTLP_ENDPOINT` | | none: no tracing |
///
/// Apps with Redis also read the fault-injection variables (`FAULT_LATENCY_MS`,
/// `FAULT_LATENCY_RATIO`, `FAULT_ERROR_RATIO`; see `FaultConfiguration`), from the environment only.
public struct AppConfiguration: Sendable, Equatable {
    /// The address the HTTP server binds (`0.0.0.0` inside a container).
    public var httpHost: String
    /// The HTTP server's port; 0 lets the system choose one (for tests).
    public var httpPort: Int
    /// The Redis server's host name or IP address.
    public var redisHost: String
    /// The Redis server's port.
    public var redisPort: Int
    /// How long one Redis command may take before the request fails with 503.
    public var redisTimeout: Duration
    /// The least severe level that is logged.
    public var logLevel: Logger.Level
    /// How log lines are written; nil: text on a terminal, JSON otherwise.
    public var logFormat: LogFormat?
    /// Where spans are sent over OTLP/HTTP (`OTEL_EXPORTER_OTLP_ENDPOINT`); nil: the app does not trace.
    public var otlpEndpoint: OTLPEndpoint?
    /// The faults the app injects on purpose; none by default.
    public var faults: FaultConfiguration

    /// Makes a configuration; every parameter has the documented default.
    public init(
        httpHost: String = "127.0.0.1",
        httpPort: Int = 9000,
        redisHost: String = "127.0.0.1",
        redisPort: Int = 6379,
        redisTimeout: Duration = .milliseconds(1000),
        logLevel: Logger.Level = .info,
        logFormat: LogFormat? = nil,
        otlpEndpoint: OTLPEndpoint? = nil,
        faults: FaultConfiguration = .none
    ) {
        self.httpHost = httpHost
        self.httpPort = httpPort
        self.redisHost = redisHost
        self.redisPort = redisPort
        self.redisTimeout = redisTimeout
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.otlpEndpoint = otlpEndpoint
        self.faults = faults
    }

    /// `REDIS_HOST:REDIS_PORT`, the way error messages name Redis.
    public var redisAddress: String { "\(redisHost):\(redisPort)" }
}
