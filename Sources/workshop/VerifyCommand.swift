import ArgumentParser
import Course
import CourseGrading

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
        let (_, outcomes) = await workspace.grade([chosen])
        let outcome = outcomes[0]
        print(outcome.report)
        if !outcome.passed {
            print("Same check as: swift test --filter \(chosen.testFilter)")
            print("Stuck? swift run workshop hint \(chosen.number)")
            throw ExitCode(1)
        }
    }
}
