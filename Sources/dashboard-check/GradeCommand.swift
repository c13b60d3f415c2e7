import ArgumentParser
import DashboardCheck
import ExerciseGrading
import Foundation

/// `dashboard-check grade --exercise ID [--rules FILE] PATH...`
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade dashboards against an exercise's requirements and print a class table.",
        discussion: "Exit status: 0 every dashboard passes, 1 some fail, 2 unusable input or arguments."
    )

    @Option(
        help: ArgumentHelp(
            "The exercise: its folder name under --exercises, its number, or a path to its requirements.json; "
                + "several separated by commas (07,08,09), or all.",
            discussion: "With several exercises (or --format csv) the output is a matrix: one row per dashboard, "
                + "one column per exercise, then how many pass each and the most common mistake."
        )
    )
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

    @Flag(help: "With a matrix, print every reason of every failure, not only the table.")
    var reasons = false

    /// The requirements of each exercise asked for, in order.
    func loadRequirements() throws -> [ExerciseRequirements] {
        var names = exercise.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if names == ["all"] {
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: exercises)) ?? []
            names = folders.filter { FileManager.default.fileExists(atPath: "\(exercises)/\($0)/requirements.json") }
                .sorted()
            if names.isEmpty {
                Output.error("dashboard-check: no exercise folder with a requirements.json under \(exercises)/")
                throw ExitCode(2)
            }
        }
        var loaded: [ExerciseRequirements] = []
        for name in names {
            guard let path = ExerciseRequirements.locate(name, exercisesDirectory: exercises) else {
                Output.error("dashboard-check: no requirements.json for exercise \(name) under \(exercises)/")
                throw ExitCode(2)
            }
            do {
                loaded.append(try ExerciseRequirements.load(path: path))
            } catch {
                Output.error("dashboard-check: \(error.description)")
                throw ExitCode(2)
            }
        }
        return loaded
    }

    func run() async throws {
        let allRequirements = try loadRequirements()
        guard let requirements = allRequirements.first else { throw ExitCode(2) }
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
        if allRequirements.count > 1 || options.format == .csv {
            try writeMatrix(reports, allRequirements, givenRules: givenRules)
            return
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
        case .csv: break
        }
        if reports.contains(where: \.isUnusable) { throw ExitCode(2) }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }

    /// Grades every dashboard for every exercise and prints the class matrix.
    func writeMatrix(
        _ reports: [FileReport],
        _ allRequirements: [ExerciseRequirements],
        givenRules: RuleFiles.Found?
    ) throws {
        var rows: [GradeMatrix.Row] = []
        for report in reports {
            let rules = givenRules ?? RuleFiles.beside(dashboard: report.path)
            var cells: [String: GradeMatrix.Cell] = [:]
            for requirements in allRequirements {
                let result = ExerciseGrader.grade(report, ruleFiles: rules, against: requirements)
                cells[requirements.exercise] = GradeMatrix.Cell(passed: result.passed, reasons: result.reasons)
            }
            rows.append(GradeMatrix.Row(name: report.path, cells: cells))
        }
        let matrix = GradeMatrix(exercises: allRequirements.map(\.exercise), rows: rows, rowTitle: "DASHBOARD")
        switch options.format {
        case .text: Output.write(matrix.text(reasons: reasons))
        case .json: Output.write(matrix.json())
        case .junit: Output.write(matrix.junit())
        case .csv: Output.write(matrix.csv())
        }
        if reports.contains(where: \.isUnusable) { throw ExitCode(2) }
        if rows.contains(where: { row in row.cells.values.contains { !$0.passed } }) { throw ExitCode(1) }
    }
}
