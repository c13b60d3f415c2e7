import ArgumentParser
import DashboardCheck

/// `dashboard-check lint PATH...`
struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check Grafana dashboards (files, or directories searched for *.json).",
        discussion: "Exit status: 0 no finding at or above --severity, 1 findings, 2 unusable input or arguments."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "Dashboard files or directories.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one dashboard file or directory") }
    }

    func run() async throws {
        let linter = try await options.makeLinter()
        var reports = CheckRun.lint(paths: paths, linter: linter)
        try await options.runLiveChecks(&reports)
        for report in reports where report.isUnusable {
            for finding in report.findings where InputProblem.ids.contains(finding.rule) {
                Output.error("\(report.path): \(finding.rule): \(finding.message)")
            }
        }
        switch options.format {
        case .text: Output.write(TextReporter(usesColor: Output.stdoutIsTerminal).lint(reports))
        case .json: Output.write(JSONReporter.lint(reports))
        case .junit: Output.write(JUnitReporter.lint(reports, threshold: options.severity))
        case .csv:
            Output.error("dashboard-check: --format csv is a format of grade; lint writes text, json or junit")
            throw ExitCode(2)
        }
        let code = CheckRun.exitCode(reports, threshold: options.severity)
        if code != 0 { throw ExitCode(code) }
    }
}
