import ArgumentParser
import DashboardCheck
import ExerciseGrading

/// `dashboard-check grade --exercise ID [--rules FILE] PATH...`
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade dashboards against an exercise's requirements and print a class table.",
        discussion: "Exit status: 0 every dashboard passes, 1 some fail, 2 unusable input or arguments."
    )

    @Option(help: "The exercise: its folder name under --exercises, its number, or a path to its requirements.json.")
    var exercise: String

    @Option(help: "The folder holding one folder per exercise.")
    var exercises: String = "Exercises"

    @Option(
        help: ArgumentHelp(
            "The Prometheus rule file (or folder of them) graded with every dashboard, for an exercise that asks for an alert.",
            discussion: "Without it, each dashboard's rules are found in rules/ beside it or beside its folder "
                + "(Exercises/rules/ for Exercises/dashboards/workshop.json)."
        )
    )
    var rules: String?

    @OptionGroup var options: CommonOptions

    @Argument(help: "Dashboard files or directories.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one dashboard file or directory") }
    }

    func run() async throws {
        guard let requirementsPath = ExerciseRequirements.locate(exercise, exercisesDirectory: exercises) else {
            Output.error("dashboard-check: no requirements.json for exercise \(exercise) under \(exercises)/")
            throw ExitCode(2)
        }
        let requirements: ExerciseRequirements
        do {
            requirements = try ExerciseRequirements.load(path: requirementsPath)
        } catch {
            Output.error("dashboard-check: \(error.description)")
            throw ExitCode(2)
        }
        let linter = try await options.makeLinter()
        var reports = CheckRun.lint(paths: paths, linter: linter)
        try await options.runLiveChecks(&reports)
        for report in reports where report.isUnusable {
            for finding in report.findings where InputProblem.ids.contains(finding.rule) {
                Output.error("\(report.path): \(finding.rule): \(finding.message)")
            }
        }
        let givenRules = rules.map { RuleFiles.load($0) }
        if let givenRules, let unreadable = givenRules.unreadable.first {
            Output.error("dashboard-check: cannot read the rule file \(unreadable)")
            throw ExitCode(2)
        }
        let results = reports.map { report in
            ExerciseGrader.grade(
                report,
                ruleFiles: givenRules ?? RuleFiles.beside(dashboard: report.path),
                against: requirements
            )
        }
        switch options.format {
        case .text:
            Output.write(TextReporter(usesColor: Output.stdoutIsTerminal).grade(results, exercise: requirements))
        case .json: Output.write(JSONReporter.grade(results, exercise: requirements))
        case .junit: Output.write(JUnitReporter.grade(results, exercise: requirements))
        }
        if reports.contains(where: \.isUnusable) { throw ExitCode(2) }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}
