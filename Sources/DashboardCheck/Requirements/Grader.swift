/// Decides whether a linted dashboard meets an exercise's requirements.
public enum Grader {
    /// Grades one report.
    public static func grade(_ report: FileReport, against exercise: ExerciseRequirements) -> GradeResult {
        if let problem = report.findings.first(where: { InputProblem.ids.contains($0.rule) }) {
            return GradeResult(report: report, passed: false, reason: problem.message, failedRequirement: nil)
        }
        for requirement in exercise.requirements {
            if let reason = unmet(requirement, in: report) {
                return GradeResult(
                    report: report,
                    passed: false,
                    reason: "\(requirement.id): \(reason)",
                    failedRequirement: requirement.id
                )
            }
        }
        return GradeResult(report: report, passed: true, reason: nil, failedRequirement: nil)
    }

    /// Why `requirement` does not hold in `report`, or nil when it does.
    public static func unmet(_ requirement: Requirement, in report: FileReport) -> String? {
        var firstError: Finding?
        var candidate: CheckedQuery?
        for (index, query) in report.queries.enumerated() where query.origin == .panelTarget {
            guard let expr = query.expr else { continue }
            if let types = requirement.panelTypes, !types.contains(query.panelType ?? "") { continue }
            guard QueryPattern.contains(requirement.query).matches(expr, in: query.expanded) else { continue }
            let error = report.findings.first { $0.queryIndex == index && $0.severity == .error }
            guard let error else { return nil }
            if firstError == nil {
                firstError = error
                candidate = query
            }
        }
        if let firstError, let candidate {
            var place = "panel \"\(candidate.panel)\""
            if let target = candidate.target { place += " target \(target)" }
            return "\(place): \(firstError.message) [\(firstError.rule)]"
        }
        if let attempt = requirement.attempt {
            for (index, query) in report.queries.enumerated() where query.origin == .panelTarget {
                guard let expr = query.expr, QueryPattern.contains(attempt).matches(expr, in: query.expanded) else {
                    continue
                }
                let findings = report.findings.filter { $0.queryIndex == index }
                guard let error = findings.first(where: { $0.severity == .error }) ?? findings.first else { continue }
                var place = "panel \"\(query.panel)\""
                if let target = query.target { place += " target \(target)" }
                return "\(place): \(error.message) [\(error.rule)]"
            }
        }
        if let syntax = report.findings.first(where: { $0.rule == PromQLSyntaxRule.description.id && $0.target != nil })
        {
            return
                "\(requirement.missing) (the query of panel \"\(syntax.panel ?? "")\" does not parse: \(syntax.message))"
        }
        return requirement.missing
    }
}
