import ArgumentParser
import Course
import CourseGrading
import Foundation

/// `workshop status`: a progress table of every exercise.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check every exercise and print a progress table."
    )

    @Option(help: "text (a table) or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let workspace = try Workspace.open()
        let (grader, outcomes) = await workspace.grade(workspace.manifest.exercises, quiet: format == .json)
        switch format {
        case .text:
            if case .unbuilt(let errors, _) = grader, !errors.isEmpty {
                print(CompileSummary.render(errors, manifest: workspace.manifest))
                print("")
            }
            print(ProgressTable.render(outcomes))
            if outcomes.contains(where: { $0.exercise.kind == .code }) {
                print("")
                print(SetupReport.render(SetupReport.problems(grader: grader, outcomes: outcomes)))
            }
        case .json:
            print(ProgressJSON.render(outcomes))
        }
        if outcomes.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
