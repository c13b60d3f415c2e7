/// The test suite of each exercise, by id: the manifest's `test` filters must name these.
enum SuiteNames {
    static let byExercise: [String: String] = [
        "01-health-check": String(reflecting: Exercise01HealthCheck.self),
        "02-item-lookup": String(reflecting: Exercise02ItemLookup.self),
        "03-request-counter": String(reflecting: Exercise03RequestCounter.self),
        "04-latency-histogram": String(reflecting: Exercise04LatencyHistogram.self),
        "05-in-progress-gauge": String(reflecting: Exercise05InProgressGauge.self),
        "06-cache-miss": String(reflecting: Exercise06CacheMiss.self),
        "07-cache-miss-panel": String(reflecting: Exercise07CacheMissPanel.self),
        "08-p95-latency": String(reflecting: Exercise08P95Latency.self),
        "09-error-ratio": String(reflecting: Exercise09ErrorRatio.self),
        "10-structured-log": String(reflecting: Exercise10StructuredLog.self),
        "11-redis-span": String(reflecting: Exercise11RedisSpan.self),
    ]
}
