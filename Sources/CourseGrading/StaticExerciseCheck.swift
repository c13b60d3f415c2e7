import Course
import DashboardCheck
import Foundation
import PromQL

/// Checks the exercises that need no code (07, 08 and 09): the dashboard with the checker's grader and
/// the exercise's `requirements.json`, plus what the requirements cannot say, and 09's alerting rule.
public enum StaticExerciseCheck {
    /// The checks of `exercise` on `target`'s dashboard (and, for a rules exercise, its rule file).
    public static func check(_ exercise: Exercise, target: WorkshopTarget, layout: RepositoryLayout) -> Checklist {
        var list = dashboardChecks(exercise, target: target, layout: layout)
        if exercise.kind == .rules {
            let path = layout.alertRules(for: target)
            let shown = target.folder + "/rules/alerts.yml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                list.merge(AlertRuleCheck.check(text: text, path: shown))
            } else {
                list.fail("cannot read \(shown)")
            }
        }
        return list
    }

    /// The dashboard's checks of `exercise`.
    static func dashboardChecks(_ exercise: Exercise, target: WorkshopTarget, layout: RepositoryLayout) -> Checklist {
        var list = Checklist()
        let path = layout.dashboard(for: target)
        let dashboardPath = target.folder + "/dashboards/workshop.json"
        let requirementsPath = layout.folder(of: exercise) + "/requirements.json"
        let requirements: ExerciseRequirements
        do {
            requirements = try ExerciseRequirements.load(path: requirementsPath)
        } catch {
            list.fail("cannot use \(error.description)")
            return list
        }
        guard let report = CheckRun.lint(paths: [path], linter: Linter()).last else {
            list.fail("cannot read the dashboard \(dashboardPath)")
            return list
        }
        let result = Grader.grade(report, against: requirements)
        list.expect(result.passed, "\(dashboardPath): \(result.reason ?? "does not meet the requirements")")
        switch exercise.number {
        case "08":
            let averaged =
                report.findings.filter { $0.rule == "quantile-aggregation" }.map(\.panel)
                + report.excluded.filter { $0.finding.rule == "quantile-aggregation" }.map(\.finding.panel)
            list.expect(
                averaged.isEmpty,
                "\(dashboardPath): panel \"\(averaged.first.flatMap { $0 } ?? "")\" still aggregates summary quantiles; "
                    + "an average of 95th percentiles is not the 95th percentile of all requests. Replace it with histogram_quantile over the buckets"
            )
        case "09":
            list.merge(errorRatioPanel(report, dashboardPath: dashboardPath))
        default:
            break
        }
        return list
    }

    /// A panel target divides the rate of 5xx responses by the rate of all responses.
    static func errorRatioPanel(_ report: FileReport, dashboardPath: String) -> Checklist {
        var list = Checklist()
        var closest: (panel: String, problems: [String])?
        for query in report.queries where query.origin == .panelTarget {
            guard let expr = query.expr else { continue }
            var divisions: [Expr] = []
            ExprTraversal.walk(expr) { node, _ in
                if case .binary(let binary) = node, binary.op == .divide { divisions.append(node) }
            }
            for division in divisions {
                let problems = ErrorRatioShape.problems(division)
                if problems.isEmpty {
                    list.expect(true, "")
                    return list
                }
                if closest == nil || problems.count < (closest?.problems.count ?? Int.max) {
                    closest = (query.panel, problems)
                }
            }
        }
        if let closest {
            list.fail("\(dashboardPath): panel \"\(closest.panel)\": " + closest.problems.joined(separator: "; "))
        } else {
            list.fail(
                "\(dashboardPath): no panel divides the rate of 5xx responses by the rate of all responses, as in "
                    + "sum(rate(http_requests_total{status=~\"5..\"}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))"
            )
        }
        return list
    }
}
