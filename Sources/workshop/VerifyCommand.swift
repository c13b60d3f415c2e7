import ArgumentParser
import ExerciseChecks

/// `workshop verify NN`: runs one exercise's checks and prints what is left to do.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run one exercise's checks and print the problems they find."
    )

    @Argument(help: "The exercise: its number (06), id (06-cache-miss) or name (cache-miss).")
    var exercise: String

    func run() async throws {
        let workspace = try Workspace.open()
        let chosen = workspace.exercise(exercise)
        let outcome = await ExerciseChecker(layout: workspace.layout, target: workspace.target).check(chosen)
        print(outcome.report)
        if !outcome.passed {
            print("Same check as: swift test --filter \(chosen.testFilter)")
            throw ExitCode(1)
        }
    }
}
