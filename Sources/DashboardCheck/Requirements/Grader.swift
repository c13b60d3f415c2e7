import PromQL

/// Decides whether a linted dashboard meets an exercise's panel requirements (`query` and
/// `forbids`). `ExerciseGrading` adds the alerting rules and is what the commands call.
public enum Grader {
    /// Grades one report against the requirements a dashboard alone can satisfy; an `alertRule`
    /// requirement fails here, as it needs the rule files.
    public static func grade(_ report: FileReport, against exercise: ExerciseRequirements) -> GradeResult {
        if let problem = report.findings.first(where: { InputProblem.ids.contains($0.rule) }) {
            return GradeResult(report: report, failures: [(requirement: nil, reason: problem.message)])
        }
        var failures: [(requirement: String?, reason: String)] = []
        for requirement in exercise.requirements {
            if let reason = unmet(requirement, in: report) {
                failures.append((requirement.id, "\(requirement.id): \(reason)"))
            }
        }
        return GradeResult(report: report, failures: failures)
    }

    /// Why `requirement` does not hold in `report`, or nil when it does.
    public static func unmet(_ requirement: Requirement, in report: FileReport) -> String? {
        if !requirement.forbids.isEmpty { return forbidden(requirement, in: report) }
        if requirement.alertRule != nil { return "needs the alerting rule files, which were not given" }
        guard let pattern = requirement.query else { return nil }
        // A query that has the shape asked for, but fails for another reason: its panel's type, what
        // stands above the match, or an error the checker finds. The first such reason is given.
        var nearMiss: String?
        for (index, query) in report.queries.enumerated() where query.origin == .panelTarget {
            guard let expr = query.expr else { continue }
            var matches: [(node: Expr, ancestors: [Expr])] = []
            ExprTraversal.walk(expr) { node, ancestors in
                if pattern.matches(node, in: query.expanded) { matches.append((node, ancestors)) }
            }
            guard !matches.isEmpty else { continue }
            let place = place(of: query)
            if let types = requirement.panelTypes, !types.contains(query.panelType ?? "") {
                nearMiss = nearMiss ?? panelTypeReason(place, query.panelType, accepted: types)
                continue
            }
            if requirement.showsValue {
                let problems = matches.map { ValuePosition.problem(ancestors: $0.ancestors, node: $0.node) }
                if !problems.contains(where: { $0 == nil }), let problem = problems.compactMap({ $0 }).first {
                    nearMiss = nearMiss ?? "\(place): the panel should show \(requirement.description); \(problem)"
                    continue
                }
            }
            if let error = report.findings.first(where: { $0.queryIndex == index && $0.severity == .error }) {
                nearMiss = nearMiss ?? "\(place): \(error.message) [\(error.rule)]"
                continue
            }
            return nil
        }
        if let nearMiss { return nearMiss }
        for query in report.queries where query.origin == .panelTarget {
            guard let expr = query.expr else { continue }
            if let mistake = requirement.mistakes.first(where: {
                QueryPattern.contains($0.pattern).matches(expr, in: query.expanded)
            }) {
                return "\(place(of: query)): \(mistake.reason)"
            }
        }
        if let attempt = requirement.attempt, let reason = attemptReason(attempt, requirement, in: report) {
            return reason
        }
        if let syntax = report.findings.first(where: { $0.rule == PromQLSyntaxRule.description.id && $0.target != nil })
        {
            return
                "\(requirement.missing) (the query of panel \"\(syntax.panel ?? "")\" does not parse: \(syntax.message))"
        }
        return requirement.missing
    }

    /// The reason given for a query that attempts the requirement: an error the checker found in it,
    /// else what keeps it from the shape the requirement names.
    private static func attemptReason(
        _ attempt: QueryPattern,
        _ requirement: Requirement,
        in report: FileReport
    )
        -> String?
    {
        var shapeReason: String?
        for (index, query) in report.queries.enumerated() where query.origin == .panelTarget {
            guard let expr = query.expr, QueryPattern.contains(attempt).matches(expr, in: query.expanded) else {
                continue
            }
            let findings = report.findings.filter { $0.queryIndex == index }
            if let finding = findings.first(where: { $0.severity == .error }) ?? findings.first {
                return "\(place(of: query)): \(finding.message) [\(finding.rule)]"
            }
            for shape in requirement.query?.shapes ?? [] where shapeReason == nil {
                if let problems = shape.closestProblems(in: expr), !problems.isEmpty {
                    shapeReason = "\(place(of: query)): " + problems.joined(separator: "; ")
                }
            }
        }
        return shapeReason
    }

    /// The first finding of a forbidden rule in a panel, silenced ones included.
    private static func forbidden(_ requirement: Requirement, in report: FileReport) -> String? {
        let rules = Set(requirement.forbids)
        let findings =
            report.findings.filter { rules.contains($0.rule) }
            + report.excluded.map(\.finding).filter { rules.contains($0.rule) }
        guard let finding = findings.min(by: { ($0.queryIndex ?? Int.max) < ($1.queryIndex ?? Int.max) }) else {
            return nil
        }
        var place = finding.panel.map { "panel \"\($0)\"" } ?? "a query"
        if let target = finding.target { place += " target \(target)" }
        let why = requirement.why.map { " \($0)" } ?? ""
        return "\(place): \(finding.message) [\(finding.rule)].\(why)"
    }

    private static func place(of query: CheckedQuery) -> String {
        var place = "panel \"\(query.panel)\""
        if let target = query.target { place += " target \(target)" }
        return place
    }

    private static func panelTypeReason(_ place: String, _ type: String?, accepted: [String]) -> String {
        "\(place) has the right query in a panel of type \(type.map { "\"\($0)\"" } ?? "unknown"); "
            + "this exercise accepts the panel types \(accepted.map { "\"\($0)\"" }.joined(separator: ", ")): "
            + "change the visualization in Grafana and export again"
    }
}
