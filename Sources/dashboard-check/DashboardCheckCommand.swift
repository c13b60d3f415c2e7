import ArgumentParser
import Foundation

/// `dashboard-check`: grades and lints Grafana dashboards, and checks PromQL.
@main
struct DashboardCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard-check",
        abstract: "Lint and grade Grafana dashboards, and check PromQL expressions.",
        subcommands: [LintCommand.self, GradeCommand.self, PromQLCommand.self]
    )

    /// Runs the command; unusable arguments exit with 2 (ArgumentParser alone would use 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Output.write(fullMessage(for: error) + "\n")
                Foundation.exit(0)
            }
            Output.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
