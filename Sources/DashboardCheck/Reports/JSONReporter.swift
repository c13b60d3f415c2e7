/// Writes reports as one JSON document:
/// `{"files":[{"path":...,"dashboard":...,"findings":[...]}],"summary":{"files":N,"errors":N,"warnings":N}}`.
/// `grade` adds `"passed"` and `"reason"` to each file.
public enum JSONReporter {
    /// The lint document.
    public static func lint(_ reports: [FileReport]) -> String {
        document(reports.map { (report: $0, grade: nil) }, extraSummary: [])
    }

    /// The grade document.
    public static func grade(_ results: [GradeResult], exercise: ExerciseRequirements) -> String {
        let passed = results.count { $0.passed }
        return document(
            results.map { (report: $0.report, grade: $0) },
            extraSummary: [
                ("exercise", JSONText.quote(exercise.exercise)), ("passed", String(passed)),
                ("failed", String(results.count - passed)),
            ]
        )
    }

    private static func document(
        _ entries: [(report: FileReport, grade: GradeResult?)],
        extraSummary: [(String, String)]
    )
        -> String
    {
        var files: [String] = []
        for (report, grade) in entries {
            var members: [(String, String)] = [
                ("path", JSONText.quote(report.path)),
                ("dashboard", JSONText.quote(report.dashboard)),
            ]
            if let grade {
                members.append(("passed", grade.passed ? "true" : "false"))
                members.append(("reason", JSONText.quote(grade.reason)))
            }
            members.append(("findings", "[" + report.findings.map(finding).joined(separator: ",") + "]"))
            let excluded = report.excluded.map { excluded in
                JSONText.object([
                    ("rule", JSONText.quote(excluded.finding.rule)),
                    ("panel", JSONText.quote(excluded.finding.panel)),
                    ("target", JSONText.quote(excluded.finding.target)),
                    ("message", JSONText.quote(excluded.finding.message)),
                    ("reason", JSONText.quote(excluded.reason)),
                ])
            }
            members.append(("excluded", "[" + excluded.joined(separator: ",") + "]"))
            let skipped = report.skipped.map { skipped in
                JSONText.object([
                    ("panel", JSONText.quote(skipped.panel)),
                    ("target", JSONText.quote(skipped.target)),
                    ("reason", JSONText.quote(skipped.reason)),
                ])
            }
            members.append(("skipped", "[" + skipped.joined(separator: ",") + "]"))
            files.append(JSONText.object(members))
        }
        let reports = entries.map(\.report)
        let summary =
            [
                ("files", String(reports.count)),
                ("errors", String(reports.reduce(0) { $0 + $1.count(.error) })),
                ("warnings", String(reports.reduce(0) { $0 + $1.count(.warning) })),
            ] + extraSummary
        return JSONText.object([
            ("files", "[" + files.joined(separator: ",") + "]"), ("summary", JSONText.object(summary)),
        ])
            + "\n"
    }

    private static func finding(_ finding: Finding) -> String {
        JSONText.object([
            ("rule", JSONText.quote(finding.rule)),
            ("severity", JSONText.quote(finding.severity.rawValue)),
            ("panel", JSONText.quote(finding.panel)),
            ("target", JSONText.quote(finding.target)),
            ("expr", JSONText.quote(finding.expression)),
            ("message", JSONText.quote(finding.message)),
            ("hint", JSONText.quote(finding.hint)),
            ("line", finding.position.map { String($0.line) } ?? "null"),
            ("column", finding.position.map { String($0.column) } ?? "null"),
        ])
    }
}
