import Testing

/// Exercise 09-error-ratio: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("09-error-ratio")
struct Exercise09ErrorRatio {
    @Test("the error ratio has a panel and an alert above 5% for 5 minutes")
    func passes() async throws {
        try await ExerciseRun.expectPassing("09-error-ratio")
    }
}
