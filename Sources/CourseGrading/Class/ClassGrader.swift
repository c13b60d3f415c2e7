import Course
import ExerciseGrading
import Foundation

/// Grades a whole class on every exercise: each folder of a submissions folder is one student's work,
/// graded with the checks `workshop verify` runs, in a scratch copy of the package
/// (`ScratchPackage`), one student after the other.
///
/// For each student: their files are put in the copy, `workshop-grader` is built (only their module
/// recompiles), the code exercises run in child processes with a time limit against one shared Redis,
/// and the dashboard and rule exercises are checked from their files. Whatever is wrong with a
/// submission (missing files, code that does not compile, crashes or loops, huge files, symbolic
/// links) becomes reasons in its row.
public struct ClassGrader: Sendable {
    /// The repository whose exercises are graded.
    public var layout: RepositoryLayout
    /// The longest one code exercise's check may take.
    public var timeLimit: Duration
    /// The longest one student's build may take (the first build, of the whole package, gets ten times as long).
    public var buildLimit: Duration
    /// Where progress lines go (the terminal's standard error).
    public var progress: @Sendable (String) -> Void

    /// Makes a class grader.
    public init(
        layout: RepositoryLayout,
        timeLimit: Duration = .seconds(30),
        buildLimit: Duration = .seconds(300),
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.layout = layout
        self.timeLimit = timeLimit
        self.buildLimit = buildLimit
        self.progress = progress
    }

    /// Grades every student folder of `submissions`.
    public func grade(submissions: String) async throws(ExerciseError) -> GradeMatrix {
        let manifest = try ExerciseManifest.load(layout)
        let students = try Submission.folders(in: submissions)
        guard !students.isEmpty else {
            throw ExerciseError(
                "\(submissions) holds no student folder (one folder per student, with their Exercises/)"
            )
        }
        let scratch = ScratchPackage(source: layout)
        try scratch.lock()
        defer { scratch.unlock() }
        try scratch.prepare(manifest: manifest)
        let redis: LocalRedis
        do {
            redis = try await LocalRedis.start()
        } catch {
            throw ExerciseError("could not start Redis for the code exercises: \(error.message)")
        }
        defer { redis.stop() }
        var environment = ProcessInfo.processInfo.environment
        // The copy is built as a student's package: without the maintainer suites.
        environment["INFRAOBS_MAINTAINER"] = nil
        environment["REDIS_HOST"] = redis.host
        environment["REDIS_PORT"] = String(redis.port)
        var rows: [GradeMatrix.Row] = []
        var firstBuild = true
        for (index, folder) in students.enumerated() {
            let started = ContinuousClock.now
            let submission = Submission.read(submissions + "/" + folder)
            progress("[\(index + 1)/\(students.count)] \(submission.name): ")
            let row = await grade(
                submission,
                manifest: manifest,
                scratch: scratch,
                environment: environment,
                firstBuild: &firstBuild
            )
            let seconds = (ContinuousClock.now - started).components.seconds
            let passed = row.cells.values.count { $0.passed }
            progress("\(passed) of \(manifest.exercises.count) pass (\(seconds) s)\n")
            rows.append(row)
        }
        return GradeMatrix(exercises: manifest.exercises.map(\.id), rows: rows, rowTitle: "STUDENT")
    }

    private func grade(
        _ submission: Submission,
        manifest: ExerciseManifest,
        scratch: ScratchPackage,
        environment: [String: String],
        firstBuild: inout Bool
    ) async -> GradeMatrix.Row {
        let note = submission.problems.isEmpty ? nil : submission.problems.joined(separator: "; ")
        if submission.isEmpty {
            let cell = GradeMatrix.Cell(passed: false, reasons: submission.problems)
            return GradeMatrix.Row(
                name: submission.name,
                cells: Dictionary(uniqueKeysWithValues: manifest.exercises.map { ($0.id, cell) }),
                note: note
            )
        }
        let missing: [String]
        do {
            missing = try scratch.install(submission, manifest: manifest)
        } catch {
            let cell = GradeMatrix.Cell(passed: false, reasons: ["could not be graded: \(error.message)"])
            return GradeMatrix.Row(
                name: submission.name,
                cells: Dictionary(uniqueKeysWithValues: manifest.exercises.map { ($0.id, cell) }),
                note: note
            )
        }
        let limit = firstBuild ? buildLimit * 10 : buildLimit
        firstBuild = false
        let grader: CourseGrader.Grader
        switch await GraderBuild.build(layout: scratch.layout, environment: environment, timeout: limit) {
        case .built(let path): grader = .executable(path)
        case .failed(let errors, let output): grader = .unbuilt(errors, output: output)
        }
        let outcomes = await CourseGrader(
            layout: scratch.layout,
            target: .exercises,
            grader: grader,
            timeLimit: timeLimit,
            environment: environment
        )
        .grade(manifest.exercises, manifest: manifest)
        var cells: [String: GradeMatrix.Cell] = [:]
        for outcome in outcomes {
            var reasons = outcome.exercise.files.filter(missing.contains).map {
                "the submission has no \($0); graded with the starter"
            }
            if outcome.exercise.kind == .dashboard || outcome.exercise.kind == .rules, submission.dashboard == nil {
                reasons.append("the submission has no Exercises/dashboards/workshop.json")
            }
            reasons += outcome.problems
            if outcome.checksRun == 0 && reasons.isEmpty { reasons.append("no check ran") }
            cells[outcome.exercise.id] = GradeMatrix.Cell(passed: outcome.passed, reasons: reasons)
        }
        return GradeMatrix.Row(name: submission.name, cells: cells, note: note)
    }
}
