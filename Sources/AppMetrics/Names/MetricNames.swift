/// Every metric name the workshop's apps export, in one place.
///
/// The exercises, the dashboards and the checker refer to these names; change one here and everything that
/// writes or reads it follows.
public enum MetricNames {
    // MARK: RED: rate, errors and duration of HTTP requests

    /// Counter of finished requests, labelled `method`, `handler` (the route template) and `status`.
    public static let httpRequestsTotal = "http_requests_total"
    /// Histogram of request durations in seconds, labelled `method` and `handler`.
    public static let httpRequestDurationSeconds = "http_request_duration_seconds"
    /// Summary of request durations in seconds, labelled `method` and `handler`.
    public static let httpRequestDurationSummarySeconds = "http_request_duration_summary_seconds"
    /// Gauge of the requests being served right now.
    public static let httpRequestsInProgress = "http_requests_in_progress"

    // MARK: The item cache

    /// Counter of `GET /items/{key}` lookups that found nothing.
    public static let cacheMissTotal = "redis_app_cache_miss_total"
    /// Counter of `GET /items/{key}` lookups that found the key.
    public static let cacheHitTotal = "redis_app_cache_hit_total"

    // MARK: Redis

    /// Histogram of Redis command durations in seconds, labelled `command`.
    public static let redisCommandDurationSeconds = "redis_app_redis_command_duration_seconds"
    /// Counter of failed Redis commands, labelled `command` and `kind`.
    public static let redisErrorsTotal = "redis_app_redis_errors_total"

    // MARK: Traces

    /// Counter of spans the trace exporter dropped, labelled `reason` (`queue_full`, `export_failed`).
    public static let traceSpansDroppedTotal = "redis_app_trace_spans_dropped_total"

    // MARK: USE: the process, read from /proc

    /// Counter of user and system CPU time, in seconds.
    public static let processCPUSecondsTotal = "process_cpu_seconds_total"
    /// Gauge of resident memory, in bytes.
    public static let processResidentMemoryBytes = "process_resident_memory_bytes"
    /// Gauge of virtual memory, in bytes.
    public static let processVirtualMemoryBytes = "process_virtual_memory_bytes"
    /// Gauge of open file descriptors.
    public static let processOpenFDs = "process_open_fds"
    /// Gauge of the maximum number of open file descriptors.
    public static let processMaxFDs = "process_max_fds"
    /// Gauge of the process's start time, in seconds since the Unix epoch.
    public static let processStartTimeSeconds = "process_start_time_seconds"

    // MARK: Label values

    /// The `handler` label of requests that matched no route, whatever their path.
    public static let unmatchedHandler = "unmatched"

    /// The bucket upper bounds of `http_request_duration_seconds`, in seconds.
    public static let httpDurationBuckets: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
    ]
    /// The bucket upper bounds of `redis_app_redis_command_duration_seconds`, in seconds.
    public static let redisDurationBuckets: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    ]
}
