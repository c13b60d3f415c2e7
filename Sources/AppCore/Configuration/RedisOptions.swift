import ArgumentParser

/// The command-line options of the apps that use Redis.
public struct RedisOptions: ParsableArguments {
    /// `--redis-host`, else `REDIS_HOST`.
    @Option(
        name: .customLong("redis-host"),
        help: ArgumentHelp(
            "Redis host name or address (env REDIS_HOST, default 127.0.0.1).",
            valueName: "host"
        )
    )
    public var redisHost: String?

    /// `--redis-port`, else `REDIS_PORT`.
    @Option(
        name: .customLong("redis-port"),
        help: ArgumentHelp("Redis port, 1-65535 (env REDIS_PORT, default 6379).", valueName: "port")
    )
    public var redisPort: String?

    /// `--redis-timeout-ms`, else `REDIS_TIMEOUT_MS`.
    @Option(
        name: .customLong("redis-timeout-ms"),
        help: ArgumentHelp(
            "Longest a Redis command may take, 1-60000 ms, before a request fails with 503 "
                + "(env REDIS_TIMEOUT_MS, default 1000).",
            valueName: "ms"
        )
    )
    public var redisTimeoutMilliseconds: String?

    /// Makes empty options (every value from the environment or the default).
    public init() {}
}
