import ArgumentParser
import Course
import CourseGrading
import Foundation

/// `workshop watch [NN]`: re-checks the current exercise on every save and moves on when it passes.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-check the current exercise each time you save, and move on when it passes (Ctrl-C stops).",
        discussion: """
            The current exercise is NN, or else the first one that does not pass yet. Files are polled \
            twice a second; a save is checked once the files have been quiet for a moment.
            """
    )

    @Argument(help: "The exercise to start with (default: the first one not passing).")
    var exercise: String?

    @Option(help: "How often to look for saves, in milliseconds.")
    var pollMilliseconds = 500

    func run() async throws {
        let workspace = try Workspace.open()
        let stop = StopOnInterrupt()
        stop.install()
        let exercises = workspace.manifest.exercises
        var index: Int
        if let exercise {
            let chosen = workspace.exercise(exercise)
            index = exercises.firstIndex { $0.id == chosen.id } ?? 0
        } else {
            say("Finding the first exercise that does not pass yet...")
            let (_, outcomes) = await workspace.grade(exercises, quiet: true)
            guard let first = outcomes.firstIndex(where: { !$0.passed }) else {
                say(ProgressTable.render(outcomes))
                return
            }
            index = first
        }
        while index < exercises.count {
            let current = exercises[index]
            say("\n== \(current.id): \(current.title)")
            say("Edit \(current.files.joined(separator: ", ")); read Exercises/\(current.id)/README.md.")
            var passed = await verify(current, workspace)
            var snapshot = FileSnapshot(paths: watched(current, workspace))
            while !passed {
                try await Task.sleep(for: .milliseconds(pollMilliseconds))
                var latest = FileSnapshot(paths: watched(current, workspace))
                guard !latest.changes(since: snapshot).isEmpty else { continue }
                // Debounce: wait until the files stop changing (an editor may write in several steps).
                repeat {
                    snapshot = latest
                    try await Task.sleep(for: .milliseconds(300))
                    latest = FileSnapshot(paths: watched(current, workspace))
                } while !latest.changes(since: snapshot).isEmpty
                say("\n[\(Self.clock())] change saved; checking \(current.id)...")
                passed = await verify(current, workspace)
            }
            index += 1
        }
        say("\nEvery exercise passes. Run `swift run workshop status` for the whole table.")
    }

    /// Checks `exercise` and prints its verdict; true when it passes.
    func verify(_ exercise: Exercise, _ workspace: Workspace) async -> Bool {
        let started = ContinuousClock.now
        let (grader, outcomes) = await workspace.grade([exercise], quiet: true)
        if case .unbuilt(let errors, _) = grader, !errors.isEmpty, exercise.kind == .code {
            say(CompileSummary.render(errors, manifest: workspace.manifest, limit: 3))
        }
        let outcome = outcomes[0]
        say(outcome.report)
        let elapsed = ContinuousClock.now - started
        say("(checked in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))))")
        if !outcome.passed {
            say("Waiting for your next save (Ctrl-C stops; hints: swift run workshop hint \(exercise.number))")
        }
        return outcome.passed
    }

    /// The files whose saves count: the exercise's own, and for code every file of the student's module.
    func watched(_ exercise: Exercise, _ workspace: Workspace) -> [String] {
        var paths = exercise.files.map(workspace.layout.path)
        if exercise.kind == .code { paths.append(workspace.layout.path("Exercises/Sources")) }
        return paths
    }

    /// Prints `text` and flushes it, so each verdict shows at once on a terminal or through a pipe.
    func say(_ text: String) {
        print(text)
        fflush(nil)
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}
