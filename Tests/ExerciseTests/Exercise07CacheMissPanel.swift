import Testing

/// Exercise 07-cache-miss-panel: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("07-cache-miss-panel")
struct Exercise07CacheMissPanel {
    @Test("the dashboard shows the cache miss rate")
    func passes() async throws {
        try await ExerciseRun.expectPassing("07-cache-miss-panel")
    }
}
