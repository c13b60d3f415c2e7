import Testing

/// Exercise 04-latency-histogram: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("04-latency-histogram")
struct Exercise04LatencyHistogram {
    @Test("http_request_duration_seconds observes seconds in the workshop buckets")
    func passes() async throws {
        try await ExerciseRun.expectPassing("04-latency-histogram")
    }
}
