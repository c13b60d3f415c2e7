import Testing

/// Exercise 01-health-check: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("01-health-check")
struct Exercise01HealthCheck {
    @Test("GET / reports whether Redis is reachable")
    func passes() async throws {
        try await ExerciseRun.expectPassing("01-health-check")
    }
}
