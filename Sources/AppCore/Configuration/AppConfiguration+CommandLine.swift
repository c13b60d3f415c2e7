import AppTracing
import ArgumentParser
import Foundation
import Logging

extension AppConfiguration {
    /// Reads the configuration from the process's command line and environment, for an app's `main`.
    ///
    /// `--help` prints the options (with their variables and defaults) and exits 0. A bad value or
    /// option prints one line naming it to standard error and exits 2, before anything starts:
    /// `redis-app: HTTP_PORT must be a port number from 1 to 65535, got 'abc'`.
    ///
    /// - Parameters:
    ///   - usesRedis: whether the app takes the Redis options (`redis-app`) or not (`simple-app`).
    ///   - defaultPort: the port the app listens on when nothing names one (`workshop-app` passes
    ///     `WorkshopAppHTTPPort`).
    public static func fromCommandLine(
        usesRedis: Bool,
        defaultPort: any DefaultHTTPPort.Type = StandardHTTPPort.self
    ) -> AppConfiguration {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            return try parse(
                arguments: arguments,
                environment: ProcessInfo.processInfo.environment,
                usesRedis: usesRedis,
                defaultPort: defaultPort
            )
        } catch let error as ConfigurationError {
            exitWithUsageError(error.description)
        } catch {
            exitWithArgumentError(error, usesRedis: usesRedis, defaultPort: defaultPort)
        }
    }

    /// Reads the configuration from `arguments` (without the program name) and `environment`.
    ///
    /// An option wins over its environment variable, which wins over the default.
    ///
    /// - Throws: `ConfigurationError` for a bad value; an argument-parser error for an unknown
    ///   option, a missing value, or `--help`.
    public static func parse(
        arguments: [String],
        environment: [String: String],
        usesRedis: Bool = true,
        defaultPort: any DefaultHTTPPort.Type = StandardHTTPPort.self
    ) throws -> AppConfiguration {
        try parse(arguments: arguments, environment: environment, usesRedis: usesRedis, port: defaultPort)
    }

    /// Makes a configuration from parsed options, falling back on `environment`, then on the defaults.
    ///
    /// - Throws: `ConfigurationError` naming the first bad value.
    public init<Port>(
        http: HTTPOptions<Port>,
        redis: RedisOptions?,
        environment: [String: String]
    )
        throws(ConfigurationError)
    {
        self.init(httpPort: Port.httpPort)
        if let text = Self.setting(http.httpHost, "HTTP_HOST", environment) {
            httpHost = try Self.host(
                text,
                "HTTP_HOST",
                option: http.httpHost == nil ? nil : "--http-host"
            )
        }
        if let text = Self.setting(http.httpPort, "HTTP_PORT", environment) {
            httpPort = try Self.port(
                text,
                "HTTP_PORT",
                option: http.httpPort == nil ? nil : "--http-port"
            )
        }
        if let text = Self.setting(http.logLevel, "LOG_LEVEL", environment) {
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw ConfigurationError(
                    variable: "LOG_LEVEL",
                    option: http.logLevel == nil ? nil : "--log-level",
                    value: text,
                    expected: "one of trace, debug, info, notice, warning, error, critical"
                )
            }
            logLevel = level
        }
        if let text = Self.setting(http.logFormat, "LOG_FORMAT", environment) {
            guard let format = LogFormat(rawValue: text.lowercased()) else {
                throw ConfigurationError(
                    variable: "LOG_FORMAT",
                    option: http.logFormat == nil ? nil : "--log-format",
                    value: text,
                    expected: "json or text"
                )
            }
            logFormat = format
        }
        if let text = environment["OTEL_EXPORTER_OTLP_ENDPOINT"], !text.isEmpty {
            guard let endpoint = OTLPEndpoint(text) else {
                throw ConfigurationError(
                    variable: "OTEL_EXPORTER_OTLP_ENDPOINT",
                    option: nil,
                    value: text,
                    expected: "an http://host:port address of an OTLP/HTTP receiver"
                )
            }
            otlpEndpoint = endpoint
        }
        guard let redis else { return }
        if let text = Self.setting(redis.redisHost, "REDIS_HOST", environment) {
            redisHost = try Self.host(
                text,
                "REDIS_HOST",
                option: redis.redisHost == nil ? nil : "--redis-host"
            )
        }
        if let text = Self.setting(redis.redisPort, "REDIS_PORT", environment) {
            redisPort = try Self.port(
                text,
                "REDIS_PORT",
                option: redis.redisPort == nil ? nil : "--redis-port"
            )
        }
        if let text = Self.setting(redis.redisTimeoutMilliseconds, "REDIS_TIMEOUT_MS", environment) {
            guard let milliseconds = Int(text), (1...60_000).contains(milliseconds) else {
                throw ConfigurationError(
                    variable: "REDIS_TIMEOUT_MS",
                    option: redis.redisTimeoutMilliseconds == nil ? nil : "--redis-timeout-ms",
                    value: text,
                    expected: "a number of milliseconds from 1 to 60000"
                )
            }
            redisTimeout = .milliseconds(milliseconds)
        }
        faults = try FaultConfiguration(environment: environment)
    }

    // MARK: Internal

    /// The program's name as it was run, for `--help`.
    static var executableName: String {
        CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "app"
    }

    /// The `--help` text on variables.
    static let environmentDiscussion = """
        Every option can also be set with the environment variable named in its help; \
        an option on the command line wins over its variable.
        """

    // MARK: Private

    private static func parse<Port: DefaultHTTPPort>(
        arguments: [String],
        environment: [String: String],
        usesRedis: Bool,
        port: Port.Type
    ) throws -> AppConfiguration {
        if usesRedis {
            let parsed = try RedisAppArguments<Port>.parse(arguments)
            return try AppConfiguration(http: parsed.http, redis: parsed.redis, environment: environment)
        } else {
            let parsed = try SimpleAppArguments<Port>.parse(arguments)
            return try AppConfiguration(http: parsed.http, redis: nil, environment: environment)
        }
    }

    /// Prints `--help` and exits 0, or prints an argument-parser error as one line and exits 2.
    private static func exitWithArgumentError<Port: DefaultHTTPPort>(
        _ error: any Error,
        usesRedis: Bool,
        defaultPort: Port.Type
    ) -> Never {
        let root: any ParsableCommand.Type =
            usesRedis ? RedisAppArguments<Port>.self : SimpleAppArguments<Port>.self
        if root.exitCode(for: error) == .success {
            root.exit(withError: error)
        }
        let message = root.message(for: error)
        exitWithUsageError(message.split(separator: "\n").first.map(String.init) ?? message)
    }

    private static func setting(
        _ option: String?,
        _ variable: String,
        _ environment: [String: String]
    ) -> String? {
        option ?? environment[variable]
    }

    private static func port(
        _ text: String,
        _ variable: String,
        option: String?
    )
        throws(ConfigurationError) -> Int
    {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw ConfigurationError(
                variable: variable,
                option: option,
                value: text,
                expected: "a port number from 1 to 65535"
            )
        }
        return port
    }

    private static func host(
        _ text: String,
        _ variable: String,
        option: String?
    )
        throws(ConfigurationError) -> String
    {
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else {
            throw ConfigurationError(
                variable: variable,
                option: option,
                value: text,
                expected: "a host name or IP address"
            )
        }
        return text
    }

    private static func exitWithUsageError(_ message: String) -> Never {
        FileHandle.standardError.write(Data("\(executableName): \(message)\n".utf8))
        exit(2)
    }
}
