import Testing

/// Exercise 05-in-progress-gauge: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("05-in-progress-gauge")
struct Exercise05InProgressGauge {
    @Test("http_requests_in_progress goes up during a request and back down after")
    func passes() async throws {
        try await ExerciseRun.expectPassing("05-in-progress-gauge")
    }
}
