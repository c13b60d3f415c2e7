/// Faults an app injects on purpose, to show what slow or failing instances look like on a
/// dashboard. Every fault is off unless its variable is set.
///
/// | Variable | Effect | Default |
/// | --- | --- | --- |
/// | `FAULT_LATENCY_MS` | adds this many milliseconds (1-60000) to a fraction of requests | off |
/// | `FAULT_LATENCY_RATIO` | the fraction (0-1) of requests that get the extra latency | `1.0` |
/// | `FAULT_ERROR_RATIO` | the fraction (0-1) of item requests answered `500` with an injected-fault error | off |
///
/// Probes and scrapes (`GET /`, `GET /healthz`, `GET /metrics`) are never delayed or failed: they
/// report on the process, not on the service it offers.
public struct FaultConfiguration: Sendable, Equatable {
    /// The extra latency of a delayed request in milliseconds, or nil when no request is delayed.
    public var latencyMilliseconds: Int?
    /// The fraction of requests that get `latency`, from 0 to 1.
    public var latencyRatio: Double
    /// The fraction of item requests answered 500, from 0 to 1.
    public var errorRatio: Double

    /// No faults: every request is served as it comes.
    public static let none = FaultConfiguration()

    /// Makes a fault configuration; the defaults inject nothing.
    public init(latencyMilliseconds: Int? = nil, latencyRatio: Double = 1.0, errorRatio: Double = 0) {
        self.latencyMilliseconds = latencyMilliseconds
        self.latencyRatio = latencyRatio
        self.errorRatio = errorRatio
    }

    /// Reads `FAULT_LATENCY_MS`, `FAULT_LATENCY_RATIO` and `FAULT_ERROR_RATIO` from `environment`.
    ///
    /// - Throws: `ConfigurationError` naming the first bad value, or `FAULT_LATENCY_RATIO` given
    ///   without `FAULT_LATENCY_MS` (it would have no effect).
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        if let text = environment["FAULT_LATENCY_MS"] {
            guard let milliseconds = Int(text), (1...60_000).contains(milliseconds) else {
                throw ConfigurationError(
                    variable: "FAULT_LATENCY_MS",
                    value: text,
                    expected: "a number of milliseconds from 1 to 60000"
                )
            }
            latencyMilliseconds = milliseconds
        }
        if let text = environment["FAULT_LATENCY_RATIO"] {
            guard latencyMilliseconds != nil else {
                throw ConfigurationError(
                    variable: "FAULT_LATENCY_RATIO",
                    value: text,
                    expected: "set together with FAULT_LATENCY_MS"
                )
            }
            latencyRatio = try Self.ratio(text, "FAULT_LATENCY_RATIO")
        }
        if let text = environment["FAULT_ERROR_RATIO"] {
            errorRatio = try Self.ratio(text, "FAULT_ERROR_RATIO")
        }
    }

    /// Whether any fault is on.
    public var isActive: Bool { latencyMilliseconds != nil || errorRatio > 0 }

    /// The extra latency of a delayed request, or nil when no request is delayed.
    public var latency: Duration? { latencyMilliseconds.map { .milliseconds($0) } }

    /// The settings as a JSON object, for the health answer:
    /// `{"latency_ms":200,"latency_ratio":0.2,"error_ratio":0}`.
    public var json: String {
        let milliseconds = latencyMilliseconds.map(String.init) ?? "null"
        let ratio = latencyMilliseconds == nil ? 0 : latencyRatio
        return "{\"latency_ms\":\(milliseconds),\"latency_ratio\":\(ratio),\"error_ratio\":\(errorRatio)}"
    }

    private static func ratio(_ text: String, _ variable: String) throws(ConfigurationError) -> Double {
        guard let ratio = Double(text), ratio.isFinite, (0...1).contains(ratio) else {
            throw ConfigurationError(variable: variable, value: text, expected: "a fraction from 0 to 1")
        }
        return ratio
    }
}
