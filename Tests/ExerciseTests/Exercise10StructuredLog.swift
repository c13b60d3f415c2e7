import Testing

/// Exercise 10-structured-log: passes once the student's work (or, with WORKSHOP_TARGET=solutions, the reference) is right.
@Suite("10-structured-log")
struct Exercise10StructuredLog {
    @Test(
        "a failed Redis command is one JSON error line with the command, the error, Redis's address, the duration and the trace id"
    )
    func passes() async throws {
        try await ExerciseRun.expectPassing("10-structured-log")
    }
}
