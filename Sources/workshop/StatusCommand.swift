import ArgumentParser
import ExerciseChecks

/// `workshop status`: a progress table of every exercise.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check every exercise and print a progress table."
    )

    func run() async throws {
        let workspace = try Workspace.open()
        let outcomes = await ExerciseChecker(layout: workspace.layout, target: workspace.target)
            .check(workspace.manifest.exercises)
        print(ProgressTable.render(outcomes))
        if outcomes.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
