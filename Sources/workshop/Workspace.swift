import ArgumentParser
import Course
import CourseGrading
import Foundation

/// The repository, its manifest and the target the commands work on.
struct Workspace {
    let layout: RepositoryLayout
    let manifest: ExerciseManifest
    let target: WorkshopTarget

    /// Finds the repository from the current directory; usage errors exit 2.
    static func open() throws -> Workspace {
        guard let layout = RepositoryLayout.locate() else {
            fail("no \(ExerciseManifest.relativePath) here or in a parent folder; run workshop inside the repository")
        }
        do {
            let manifest = try ExerciseManifest.load(layout)
            let target = try WorkshopTarget.from(environment: ProcessInfo.processInfo.environment)
            return Workspace(layout: layout, manifest: manifest, target: target)
        } catch {
            fail(error.message)
        }
    }

    /// The exercise `name` (id, number or slug); exits 2 when there is none.
    func exercise(_ name: String) -> Exercise {
        guard let exercise = manifest.exercise(named: name) else {
            let ids = manifest.exercises.map(\.number).joined(separator: ", ")
            Self.fail("no exercise \(name); the exercises are \(ids)")
        }
        return exercise
    }

    /// Builds the grader of the code exercises when `exercises` has any; a build that fails is reported,
    /// not fatal: the other exercises are still graded.
    func grader(for exercises: [Exercise], quiet: Bool = false) async -> CourseGrader.Grader {
        guard exercises.contains(where: { $0.kind == .code }) else { return .unbuilt([], output: "") }
        if let path = ProcessInfo.processInfo.environment["WORKSHOP_GRADER"], !path.isEmpty {
            return .executable(path)
        }
        if !quiet { Self.note("building your code (swift build --product \(GraderBuild.product))...") }
        switch await GraderBuild.build(layout: layout) {
        case .built(let path): return .executable(path)
        case .failed(let errors, let output): return .unbuilt(errors, output: output)
        }
    }

    /// Grades `exercises`.
    func grade(_ exercises: [Exercise], quiet: Bool = false) async -> (CourseGrader.Grader, [ExerciseOutcome]) {
        let grader = await grader(for: exercises, quiet: quiet)
        let outcomes = await CourseGrader(layout: layout, target: target, grader: grader, timeLimit: timeLimit)
            .grade(exercises, manifest: manifest)
        return (grader, outcomes)
    }

    /// The longest one code exercise's check may take: `WORKSHOP_CHECK_SECONDS`, 60 by default.
    var timeLimit: Duration {
        let seconds = ProcessInfo.processInfo.environment["WORKSHOP_CHECK_SECONDS"].flatMap(Int.init) ?? 60
        return .seconds(max(1, seconds))
    }

    /// Prints a line about what the tool is doing, on standard error.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("workshop: \(message)\n".utf8))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("workshop: \(message)\n".utf8))
        exit(2)
    }
}
