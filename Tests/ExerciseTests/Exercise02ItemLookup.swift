import Testing

/// Exercise 02-item-lookup: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("02-item-lookup")
struct Exercise02ItemLookup {
    @Test("GET /items/{key} answers the item or a 404 JSON error")
    func passes() async throws {
        try await ExerciseRun.expectPassing("02-item-lookup")
    }
}
