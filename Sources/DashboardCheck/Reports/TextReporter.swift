/// Writes reports for people: the file, the dashboard, each finding with its panel, target and
/// position, the expression with a caret, the message and the hint.
public struct TextReporter: Sendable {
    /// True to colour severities (only on a terminal).
    public var usesColor: Bool

    /// Makes a reporter.
    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    /// The lint report of every file and a summary line.
    public func lint(_ reports: [FileReport]) -> String {
        var lines: [String] = []
        for report in reports {
            guard !report.findings.isEmpty || !report.excluded.isEmpty || !report.skipped.isEmpty else { continue }
            lines.append(header(report))
            for finding in report.findings { lines.append(contentsOf: render(finding)) }
            for excluded in report.excluded {
                var line = "  " + paint("excluded", .dim) + " " + excluded.finding.rule
                if let panel = excluded.finding.panel { line += " in panel \"\(panel)\"" }
                line += ": \(excluded.reason)"
                lines.append(line)
            }
            for skipped in report.skipped {
                var line = "  " + paint("skipped", .dim) + " panel \"\(skipped.panel)\""
                if let target = skipped.target { line += " target \(target)" }
                lines.append(line + ": \(skipped.reason)")
            }
            lines.append("")
        }
        lines.append(summary(reports))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The class table of `grade`: file, dashboard title, pass/fail, the first reason.
    public func grade(_ results: [GradeResult], exercise: ExerciseRequirements) -> String {
        var rows: [[String]] = [["FILE", "DASHBOARD", "RESULT", "REASON"]]
        for result in results {
            rows.append([
                result.report.path, result.report.dashboard ?? "-", result.passed ? "pass" : "FAIL",
                result.reason ?? "",
            ])
        }
        var widths = [0, 0, 0]
        for row in rows {
            for column in 0..<3 { widths[column] = max(widths[column], row[column].count) }
        }
        var lines: [String] = []
        let title = exercise.title.map { "\(exercise.exercise): \($0)" } ?? exercise.exercise
        lines.append(title)
        for (index, row) in rows.enumerated() {
            var line = ""
            for column in 0..<3 {
                var cell = row[column].padding(toLength: widths[column])
                if column == 2, index > 0 { cell = paint(cell, row[2] == "pass" ? .green : .red) }
                line += cell + "  "
            }
            line += row[3]
            lines.append(line.trailingSpacesRemoved())
        }
        let passed = results.count { $0.passed }
        lines.append("")
        lines.append("\(passed) of \(results.count) dashboards pass")
        return lines.joined(separator: "\n") + "\n"
    }

    private func header(_ report: FileReport) -> String {
        var line = paint(report.path, .bold)
        if let title = report.dashboard { line += ": dashboard \"\(title)\"" }
        return line
    }

    private func render(_ finding: Finding) -> [String] {
        var first = "  " + paint(finding.severity.rawValue, finding.severity == .error ? .red : .yellow)
        first += " " + paint(finding.rule, .bold) + ":"
        var place: [String] = []
        if let panel = finding.panel { place.append("panel \"\(panel)\"") }
        if let target = finding.target { place.append("target \(target)") }
        if let position = finding.position { place.append("line \(position.line), column \(position.column)") }
        if !place.isEmpty { first += " " + place.joined(separator: ", ") }
        var lines = [first]
        if let expression = finding.expression, let range = finding.expressionRange {
            let shown = CaretRenderer.render(expression, range: range, indent: "      ")
            lines.append(shown[0])
            lines.append(paint(shown[1], .green))
        }
        lines.append("    " + finding.message)
        lines.append("    " + paint("hint: ", .dim) + finding.hint)
        return lines
    }

    private func summary(_ reports: [FileReport]) -> String {
        let errors = reports.reduce(0) { $0 + $1.count(.error) }
        let warnings = reports.reduce(0) { $0 + $1.count(.warning) }
        let excluded = reports.reduce(0) { $0 + $1.excluded.count }
        var line = "\(reports.count) file\(reports.count == 1 ? "" : "s") checked: "
        line += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        if excluded > 0 { line += ", \(excluded) excluded" }
        return line
    }

    enum Style: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case bold = "1"
        case dim = "2"
    }

    private func paint(_ text: String, _ style: Style) -> String {
        usesColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }

    fileprivate func trailingSpacesRemoved() -> String {
        var result = self
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
