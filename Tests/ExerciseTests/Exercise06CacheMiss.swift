import Testing

/// Exercise 06-cache-miss: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("06-cache-miss")
struct Exercise06CacheMiss {
    @Test("redis_app_cache_miss_total counts exactly the lookups that miss")
    func passes() async throws {
        try await ExerciseRun.expectPassing("06-cache-miss")
    }
}
