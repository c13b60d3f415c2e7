import DashboardCheck
import PromQL
import Yams

/// Checks an exercise's alerting rule (`AlertRuleRequirement`) in Prometheus rule files: an alert
/// whose `expr` is `ratio > threshold`, with the ratio of the shape asked for, held for the duration.
public enum AlertRuleCheck {
    /// A rule file's text and the path to name in messages.
    public struct RuleFile: Sendable {
        /// The path shown to people.
        public var path: String
        /// The file's content.
        public var text: String

        /// Makes a rule file.
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// The problems of the alert that comes closest to `requirement` in `files`; empty when one meets it.
    public static func problems(in files: [RuleFile], requirement: AlertRuleRequirement) -> [String] {
        var alerts: [(node: Node, path: String)] = []
        var fileProblems: [String] = []
        for file in files {
            let root: Node?
            do {
                root = try Yams.compose(yaml: file.text)
            } catch let error as YamlError {
                fileProblems.append("\(file.path): the rule file is not valid YAML: \(YAMLErrorText.describe(error))")
                continue
            } catch {
                fileProblems.append("\(file.path): the rule file is not valid YAML: \(error)")
                continue
            }
            guard let groups = root?["groups"]?.sequence else {
                fileProblems.append("\(file.path): expected a top-level 'groups:' list, as Prometheus rule files have")
                continue
            }
            let rules = groups.flatMap { Array($0["rules"]?.sequence ?? []) }
            alerts += rules.filter { $0["alert"] != nil }.map { ($0, file.path) }
        }
        guard !alerts.isEmpty else {
            if let first = fileProblems.first { return [first] }
            let names = files.map(\.path).joined(separator: ", ")
            return ["\(names): found no alerting rule (a rule with 'alert:' under groups[].rules)"]
        }
        // Judge the alert that comes closest; report that one's problems.
        var best: [String]?
        for alert in alerts {
            let candidate = problems(of: alert.node, path: alert.path, requirement: requirement)
            if best == nil || candidate.count < (best?.count ?? Int.max) { best = candidate }
        }
        return best ?? []
    }

    static func problems(of alert: Node, path: String, requirement: AlertRuleRequirement) -> [String] {
        let name = alert["alert"]?.string ?? "?"
        let place = "\(path):\(alert.mark?.line ?? 0): alert \(name)"
        guard let exprText = alert["expr"]?.string, !exprText.isEmpty else { return ["\(place) has no 'expr'"] }
        let expr: Expr
        do {
            expr = try PromQLParser.parse(exprText)
        } catch {
            return ["\(place): the expr does not parse: \(error.message)"]
        }
        var problems: [String] = []
        let threshold = requirement.above.formatted
        if let (side, number) = comparison(expr) {
            if number != requirement.above {
                problems.append(
                    "\(place): the expr compares with \(number.formatted); \(percent(requirement.above)) is written \(threshold) (the ratio is between 0 and 1)"
                )
            }
            let rule = ExpandedQuery(original: exprText, text: exprText, substitutions: [])
            if !requirement.ratio.matches(side, in: rule) {
                let shapeProblems = requirement.ratio.shapes.map { $0.closestProblems(in: side) ?? $0.problems(side) }
                    .first { !$0.isEmpty }
                problems.append(
                    "\(place): "
                        + (shapeProblems?.joined(separator: "; ")
                            ?? "the compared expression is not the ratio asked for")
                )
            }
        } else {
            problems.append(
                "\(place): the expr should end with '> \(threshold)', so the alert fires above \(percent(requirement.above))"
            )
        }
        let forText = alert["for"]?.string
        if forText.flatMap(PrometheusDuration.seconds) != requirement.forSeconds {
            problems.append(
                "\(place): expected 'for: \(requirement.forText)' (the ratio must stay above \(percent(requirement.above)) for \(requirement.forText)); found "
                    + (forText.map { "'for: \($0)'" } ?? "no 'for'")
            )
        }
        return problems
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

    private static func percent(_ ratio: Double) -> String {
        (ratio * 100).formatted + "%"
    }
}

extension Double {
    /// `5` rather than `5.0`; `0.05` as it is.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
