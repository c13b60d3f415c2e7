import Course
import CourseGrading
import DashboardCheck
import Foundation
import Testing

/// What keeps the course from rotting: every exercise fails as shipped and passes with the reference,
/// and the manifest, folders, READMEs, starter markers and starter copies agree. It runs in
/// `./scripts/test` (INFRAOBS_MAINTAINER=1, WORKSHOP_TARGET=solutions); a student's plain `swift test`
/// grades their own work instead, and says this suite was skipped.
@Suite(
    "Course integrity",
    .enabled(
        if: ExerciseRun.maintainerRun && (try? ExerciseRun.target()) == .solutions,
        "checks the course itself (needs promtool and the shipped starters): runs with ./scripts/test"
    )
)
struct CourseIntegrityTests {
    @Test("every exercise fails against the starter with a real problem and passes against the reference")
    func startersFailAndSolutionsPass() async throws {
        let layout = try ExerciseRun.layout()
        let exercises = try ExerciseRun.manifest().exercises
        try #require(exercises.count == 11)
        let starter = try await ExerciseRun.grade(exercises, target: .exercises)
        let reference = try await ExerciseRun.grade(exercises, target: .solutions)
        for outcome in starter {
            #expect(outcome.checksRun > 0, "\(outcome.exercise.id): no check ran against the starter")
            #expect(!outcome.problems.isEmpty, "\(outcome.exercise.id) passes as shipped: the exercise teaches nothing")
            #expect(
                !outcome.problems.contains {
                    $0.contains("could not run") || $0.contains("could not start") || $0.contains("crashed")
                        || $0.contains("did not finish")
                },
                "\(outcome.exercise.id) crashed instead of failing: \(outcome.report)"
            )
        }
        for outcome in reference {
            #expect(outcome.passed, "\(outcome.report)")
        }
    }

    @Test("every exercise folder has a README with goal, check command and a folded hint")
    func readmes() throws {
        let layout = try ExerciseRun.layout()
        for exercise in try ExerciseRun.manifest().exercises {
            let path = layout.folder(of: exercise) + "/README.md"
            let text = try #require(try? String(contentsOfFile: path, encoding: .utf8), "missing \(path)")
            #expect(!ReadmeHints.extract(from: text).isEmpty, "\(path) has no <details><summary>Hint</summary> block")
            #expect(
                text.contains("swift test --filter \(exercise.testFilter)"),
                "\(path) does not give its test command"
            )
            #expect(text.contains("## Why"), "\(path) does not say why it matters")
        }
    }

    @Test("every exercise's TODO marker is in its starter files")
    func todoMarkers() throws {
        let layout = try ExerciseRun.layout()
        for exercise in try ExerciseRun.manifest().exercises {
            let texts = exercise.files.compactMap { try? String(contentsOfFile: layout.path($0), encoding: .utf8) }
            #expect(texts.count == exercise.files.count, "\(exercise.id): a starter file is missing: \(exercise.files)")
            #expect(
                texts.contains { $0.contains(exercise.todoMarker) },
                "\(exercise.id): no \(exercise.todoMarker) in \(exercise.files.joined(separator: ", "))"
            )
        }
    }

    @Test("the manifest, the exercise folders, the test suites and Exercises/README.md agree")
    func manifestAgrees() throws {
        let layout = try ExerciseRun.layout()
        let manifest = try ExerciseRun.manifest()
        let ids = manifest.exercises.map(\.id)
        let folders = try FileManager.default.contentsOfDirectory(atPath: layout.path("Exercises")).filter {
            $0.first?.isNumber == true
        }
        #expect(Set(folders) == Set(ids))
        #expect(ids == ids.sorted())
        let readme = try String(contentsOfFile: layout.path("Exercises/README.md"), encoding: .utf8)
        for exercise in manifest.exercises {
            #expect(readme.contains(exercise.id), "Exercises/README.md does not list \(exercise.id)")
            #expect(SuiteNames.byExercise[exercise.id] == exercise.testFilter, "\(exercise.id): test filter")
            let requirements = layout.folder(of: exercise) + "/requirements.json"
            #expect(
                FileManager.default.fileExists(atPath: requirements) == (exercise.kind != .code),
                "\(exercise.id): requirements.json belongs to the dashboard exercises only"
            )
        }
    }

    @Test("the reference dashboards lint clean and the starter's only findings are its excluded mistakes")
    func dashboardsLint() throws {
        let layout = try ExerciseRun.layout()
        let solutions = CheckRun.lint(paths: [layout.path("Solutions/dashboards")], linter: Linter())
        #expect(!solutions.isEmpty)
        for report in solutions {
            #expect(report.findings.isEmpty, "\(report.path): \(report.findings.map(\.message))")
        }
        let starter = CheckRun.lint(paths: [layout.path("Exercises/dashboards")], linter: Linter())
        for report in starter {
            #expect(report.findings.isEmpty, "\(report.path): \(report.findings.map(\.message))")
            #expect(report.excluded.map(\.finding.rule) == ["quantile-aggregation"])
        }
    }

    @Test("promtool accepts the reference and the starter alerting rules")
    func promtoolAcceptsRules() async throws {
        let layout = try ExerciseRun.layout()
        let promtool = try #require(
            ChildProcess.locate("promtool"),
            "promtool is missing: scripts/install-deps installs it (Debian package prometheus)"
        )
        for path in [layout.alertRules(for: .solutions), layout.alertRules(for: .exercises)] {
            let result = try await ChildProcess.run(promtool, arguments: ["check", "rules", path])
            #expect(result.succeeded, "\(path): \(result.standardOutput)\(result.standardError)")
        }
    }

    @Test("the starter copies that workshop reset restores equal the starters as shipped")
    func starterCopies() throws {
        let layout = try ExerciseRun.layout()
        let files = Set(try ExerciseRun.manifest().exercises.flatMap(\.files))
        for file in files.sorted() {
            let copy = try #require(Starters.copy(of: file), "\(file) is not under Exercises/")
            let original = FileManager.default.contents(atPath: layout.path(file))
            let kept = FileManager.default.contents(atPath: layout.path(copy))
            #expect(kept != nil, "\(copy) is missing")
            #expect(original == kept, "\(copy) differs from \(file): copy the starter again")
        }
        let copies = FileManager.default.enumerator(atPath: layout.path(Starters.folder))?.allObjects
            .compactMap { $0 as? String }
            .filter { !$0.hasSuffix("/") && !FileManager.default.isDirectory(layout.path(Starters.folder + "/" + $0)) }
        #expect(
            Set((copies ?? []).map { "Exercises/" + $0 }) == files,
            "Exercises/.starters holds exactly the starters"
        )
    }
}

extension FileManager {
    /// True when `path` is a folder.
    fileprivate func isDirectory(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
