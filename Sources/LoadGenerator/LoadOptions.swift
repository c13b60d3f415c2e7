import Foundation

/// What a load run does: where it sends requests, how fast, for how long and with which mix.
public struct LoadOptions: Sendable {
    /// The servers under load: request `n` of the schedule goes to `targets[n % targets.count]`
    /// (round-robin), so several instances of one service get the same share of the traffic.
    public var targets: [TargetURL]
    /// How long requests are started, in seconds.
    public var durationSeconds: Double
    /// Requests started per second, on a fixed schedule (open loop).
    public var rate: Double
    /// The most requests in flight at once (one keep-alive connection each).
    public var concurrency: Int
    /// Adds periodic bursts of failing requests to the mix.
    public var errorBursts: Bool
    /// Seeds the request mix, so two runs with the same seed send the same sequence.
    public var seed: UInt64
    /// How long to wait for requests still in flight after the last one was started, in seconds.
    public var drainSeconds: Double
    /// How long to wait for a TCP connection, in seconds.
    public var connectTimeoutSeconds: Double
    /// The first half of the trace id of every request's W3C `traceparent` (the second half is the
    /// request's number), so that the traces of one run can be told apart from any other's. Random by default.
    public var traceRunID: UInt64 = UInt64.random(in: 1...UInt64.max)

    /// Makes options for one server; `validate()` checks them.
    public init(
        target: TargetURL,
        durationSeconds: Double,
        rate: Double,
        concurrency: Int = 64,
        errorBursts: Bool = false,
        seed: UInt64 = 1,
        drainSeconds: Double = 5,
        connectTimeoutSeconds: Double = 10
    ) {
        self.init(
            targets: [target],
            durationSeconds: durationSeconds,
            rate: rate,
            concurrency: concurrency,
            errorBursts: errorBursts,
            seed: seed,
            drainSeconds: drainSeconds,
            connectTimeoutSeconds: connectTimeoutSeconds
        )
    }

    /// Makes options for several servers, which get the requests in turn; `validate()` checks them.
    public init(
        targets: [TargetURL],
        durationSeconds: Double,
        rate: Double,
        concurrency: Int = 64,
        errorBursts: Bool = false,
        seed: UInt64 = 1,
        drainSeconds: Double = 5,
        connectTimeoutSeconds: Double = 10
    ) {
        self.targets = targets
        self.durationSeconds = durationSeconds
        self.rate = rate
        self.concurrency = concurrency
        self.errorBursts = errorBursts
        self.seed = seed
        self.drainSeconds = drainSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// The number of requests the schedule starts over the whole run.
    public var plannedRequests: Int {
        Int((durationSeconds * rate).rounded())
    }

    /// Throws when a value cannot make a run.
    public func validate() throws {
        guard !targets.isEmpty else {
            throw LoadGeneratorError("give at least one --url")
        }
        guard durationSeconds.isFinite, durationSeconds > 0 else {
            throw LoadGeneratorError("--duration must be more than 0 seconds")
        }
        guard rate.isFinite, rate > 0, rate <= 1_000_000 else {
            throw LoadGeneratorError("--rate must be more than 0 and at most 1000000 requests per second")
        }
        guard (1...10_000).contains(concurrency) else {
            throw LoadGeneratorError("--concurrency must be from 1 to 10000")
        }
        guard plannedRequests >= 1 else {
            throw LoadGeneratorError("--duration × --rate plans no request at all; raise one of them")
        }
    }

    /// Parses a duration such as `60s`, `2m`, `500ms`, `1h` or a bare number of seconds.
    public static func parseDuration(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            if let value = Double(number), value.isFinite, value > 0 {
                return value * unit.seconds
            }
        }
        if let value = Double(trimmed), value.isFinite, value > 0 {
            return value
        }
        throw LoadGeneratorError(
            "duration '\(text)' is not a positive number with an optional unit (ms, s, m, h), for example 60s"
        )
    }
}
