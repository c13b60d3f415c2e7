import ArgumentParser

/// The command-line options every app takes: where to listen and how much to log.
///
/// Values are kept as text and checked by `AppConfiguration`, so that a bad value gives the same
/// one-line error whether it came from an option or from the environment. `Port` is the app's default
/// port, which the help of `--http-port` names.
public struct HTTPOptions<Port: DefaultHTTPPort>: ParsableArguments {
    /// `--http-host`, else `HTTP_HOST`.
    @Option(
        name: .customLong("http-host"),
        help: ArgumentHelp(
            "Address to listen on (env HTTP_HOST, default 127.0.0.1).",
            valueName: "address"
        )
    )
    public var httpHost: String?

    /// `--http-port`, else `HTTP_PORT`.
    @Option(
        name: .customLong("http-port"),
        help: ArgumentHelp(
            "Port to listen on, 1-65535 (env HTTP_PORT, default \(Port.httpPort)).",
            valueName: "port"
        )
    )
    public var httpPort: String?

    /// `--log-level`, else `LOG_LEVEL`.
    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp(
            "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL, default info).",
            valueName: "level"
        )
    )
    public var logLevel: String?

    /// `--log-format`, else `LOG_FORMAT`.
    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "json or text (env LOG_FORMAT, default text on a terminal, json otherwise).",
            valueName: "format"
        )
    )
    public var logFormat: String?

    /// Makes empty options (every value from the environment or the default).
    public init() {}
}
