import Course
import DashboardCheck
import PromQL
import Yams

/// Checks exercise 09's alerting rule: a rule file whose alert fires when the ratio of 5xx
/// responses to all responses stays above 5% for 5 minutes.
public enum AlertRuleCheck {
    /// The threshold the alert compares the ratio with.
    public static let threshold = 0.05
    /// How long the ratio must stay above it, in seconds.
    public static let forSeconds = 300

    /// The checks of the rule file at `path` (`text` is its content).
    public static func check(text: String, path: String) -> Checklist {
        var list = Checklist()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            list.fail("\(path): the rule file is not valid YAML: \(YAMLErrorText.describe(error))")
            return list
        } catch {
            list.fail("\(path): the rule file is not valid YAML: \(error)")
            return list
        }
        guard let groups = root?["groups"]?.sequence else {
            list.fail("\(path): expected a top-level 'groups:' list, as Prometheus rule files have")
            return list
        }
        let rules = groups.flatMap { Array($0["rules"]?.sequence ?? []) }
        let alerts = rules.filter { $0["alert"] != nil }
        guard !alerts.isEmpty else {
            list.fail("\(path): found no alerting rule (a rule with 'alert:' under groups[].rules)")
            return list
        }
        // Judge the alert that comes closest; report that one's problems.
        var best: Checklist?
        for alert in alerts {
            let candidate = checkAlert(alert, path: path)
            if best == nil || candidate.problems.count < (best?.problems.count ?? Int.max) { best = candidate }
        }
        if let best { list.merge(best) }
        return list
    }

    static func checkAlert(_ alert: Node, path: String) -> Checklist {
        var list = Checklist()
        let name = alert["alert"]?.string ?? "?"
        let place = "\(path):\((alert.mark?.line ?? 0)): alert \(name)"
        guard let exprText = alert["expr"]?.string, !exprText.isEmpty else {
            list.fail("\(place) has no 'expr'")
            return list
        }
        let expr: Expr
        do {
            expr = try PromQLParser.parse(exprText)
        } catch {
            list.fail("\(place): the expr does not parse: \(error.message)")
            return list
        }
        let ratio: Expr?
        switch comparison(expr) {
        case .some((let side, let number)):
            list.expect(
                number == threshold,
                "\(place): the expr compares with \(number); 5% is written 0.05 (the ratio is between 0 and 1)"
            )
            ratio = side
        case .none:
            list.fail("\(place): the expr should end with '> 0.05', so the alert fires above 5%")
            ratio = nil
        }
        if let ratio {
            let problems = ErrorRatioShape.problems(ratio)
            list.expect(problems.isEmpty, "\(place): " + problems.joined(separator: "; "))
        }
        let forText = alert["for"]?.string
        list.expect(
            forText.flatMap(PrometheusDuration.seconds) == forSeconds,
            "\(place): expected 'for: 5m' (the ratio must stay above 5% for 5 minutes); found "
                + (forText.map { "'for: \($0)'" } ?? "no 'for'")
        )
        return list
    }

    /// `ratio > number` (or `number < ratio`; `ratio * 100 > 5` counts as `ratio > 0.05`).
    static func comparison(_ expr: Expr) -> (Expr, Double)? {
        guard case .binary(let binary) = expr.unparenthesized else { return nil }
        var side: Expr
        var value: Double
        switch (binary.op, binary.lhs.unparenthesized, binary.rhs.unparenthesized) {
        case (.greater, _, .number(let number)), (.greaterOrEqual, _, .number(let number)):
            side = binary.lhs
            value = number.value
        case (.less, .number(let number), _), (.lessOrEqual, .number(let number), _):
            side = binary.rhs
            value = number.value
        default:
            return nil
        }
        if case .binary(let scaled) = side.unparenthesized, scaled.op == .multiply,
            case .number(let factor) = scaled.rhs.unparenthesized, factor.value == 100
        {
            side = scaled.lhs
            value /= 100
        }
        return (side, value)
    }
}
