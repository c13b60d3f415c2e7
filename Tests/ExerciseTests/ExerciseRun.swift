import ExerciseChecks
import Foundation
import Testing

/// Runs exercise checks the way a student's `swift test` does: against `WORKSHOP_TARGET`.
enum ExerciseRun {
    static func layout() throws -> RepositoryLayout {
        try #require(RepositoryLayout.locate(), "the tests run inside the repository")
    }

    static func manifest() throws -> ExerciseManifest {
        try ExerciseManifest.load(try layout())
    }

    static func target() throws -> WorkshopTarget {
        try WorkshopTarget.from(environment: ProcessInfo.processInfo.environment)
    }

    /// Checks exercise `id` against the target the environment chooses and expects it to pass,
    /// printing what is left to do when it does not.
    static func expectPassing(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let layout = try layout()
        let exercise = try #require(try ExerciseManifest.load(layout).exercise(named: id))
        let outcome = await ExerciseChecker(layout: layout, target: try target()).check(exercise)
        #expect(outcome.passed, Comment(rawValue: "\n" + outcome.report), sourceLocation: sourceLocation)
    }
}
