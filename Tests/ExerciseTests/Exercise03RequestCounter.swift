import Testing

/// Exercise 03-request-counter: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("03-request-counter")
struct Exercise03RequestCounter {
    @Test("http_requests_total counts every request by method, route template and status")
    func passes() async throws {
        try await ExerciseRun.expectPassing("03-request-counter")
    }
}
