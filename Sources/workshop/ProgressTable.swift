import Course

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
            lines.append("Next: \(next.exercise.id). Read Exercises/\(next.exercise.id)/README.md, then run:")
            lines.append("  swift run workshop verify \(next.exercise.number)")
            lines.append("or let it re-check on every save:")
            lines.append("  swift run workshop watch")
        } else if !outcomes.isEmpty {
            lines.append("Every exercise passes. What next:")
            lines.append("  - run your app in the stack: docker compose up -d --build, then ./scripts/run-test.sh")
            lines.append("    http://localhost:9001, and watch your panels in Grafana (http://localhost:3000)")
            lines.append("  - lint your dashboard against live data: see \"dashboard-check lint\" in the README")
            lines.append("  - answer the closing question: what would you improve in the app's observability?")
        }
        return lines.map { String($0.prefix(width)) }.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
