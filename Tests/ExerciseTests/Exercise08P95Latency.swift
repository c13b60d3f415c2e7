import Testing

/// Exercise 08-p95-latency: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("08-p95-latency")
struct Exercise08P95Latency {
    @Test("the p95 latency panel uses the histogram, not averaged quantiles")
    func passes() async throws {
        try await ExerciseRun.expectPassing("08-p95-latency")
    }
}
