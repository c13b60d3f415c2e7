import Course
import CourseGrading
import Foundation
import Testing

/// Grades exercises the way `workshop verify` does, against `WORKSHOP_TARGET`: the code exercises in
/// `workshop-grader` child processes (built by `swift test` beside the tests), the others here.
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

    /// The grader `swift test` built beside the tests.
    static func grader() throws -> CourseGrader.Grader {
        let path = try #require(
            GraderBuild.locateBuilt(layout: try layout()),
            "workshop-grader is not built; swift test builds it with the tests"
        )
        return .executable(path)
    }

    /// Grades `exercises` against `target`.
    static func grade(_ exercises: [Exercise], target: WorkshopTarget) async throws -> [ExerciseOutcome] {
        let layout = try layout()
        return await CourseGrader(layout: layout, target: target, grader: try grader())
            .grade(exercises, manifest: try manifest())
    }

    /// Grades exercise `id` against the target the environment chooses and expects it to pass,
    /// printing what is left to do when it does not.
    static func expectPassing(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let exercise = try #require(try manifest().exercise(named: id))
        let outcome = try await grade([exercise], target: try target())[0]
        #expect(outcome.passed, Comment(rawValue: "\n" + outcome.report), sourceLocation: sourceLocation)
    }

    /// True when `./scripts/test` asked for the maintainer suites (INFRAOBS_MAINTAINER=1).
    static var maintainerRun: Bool {
        ProcessInfo.processInfo.environment["INFRAOBS_MAINTAINER"] == "1"
    }
}
