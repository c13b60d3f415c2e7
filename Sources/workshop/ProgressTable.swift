import ExerciseChecks

/// The progress table `workshop status` prints, at most 80 columns wide.
enum ProgressTable {
    static let width = 80

    static func render(_ outcomes: [ExerciseOutcome]) -> String {
        let idWidth = max(8, outcomes.map(\.exercise.id.count).max() ?? 0)
        let resultWidth = 8
        let titleWidth = width - idWidth - resultWidth - 4
        func row(_ id: String, _ title: String, _ result: String) -> String {
            let shortTitle = title.count > titleWidth ? String(title.prefix(titleWidth - 3)) + "..." : title
            return pad(id, idWidth) + "  " + pad(shortTitle, titleWidth) + "  " + result
        }
        var lines = [row("EXERCISE", "TITLE", "RESULT")]
        for outcome in outcomes {
            lines.append(row(outcome.exercise.id, outcome.exercise.title, outcome.passed ? "passed" : "not yet"))
        }
        let passed = outcomes.filter(\.passed).count
        lines.append("")
        lines.append(
            "\(passed) of \(outcomes.count) exercises pass (\(outcomes.first?.target.rawValue ?? "exercises"))."
        )
        if let next = outcomes.first(where: { !$0.passed }) {
            lines.append("Next: \(next.exercise.id). Read Exercises/\(next.exercise.id)/README.md,")
            lines.append("then run: workshop verify \(next.exercise.number)")
        }
        return lines.map { String($0.prefix(width)) }.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
