import Testing

/// Exercise 11-redis-span: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("11-redis-span")
struct Exercise11RedisSpan {
    @Test(
        "the item lookup's Redis call is a client span with OpenTelemetry's attributes, an error when Redis is stopped"
    )
    func passes() async throws {
        try await ExerciseRun.expectPassing("11-redis-span")
    }
}
