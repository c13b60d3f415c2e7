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

    /// The problems of the alert that comes closest to `requirement` in `files`, each with the alert's
    /// file, line and name; empty when one meets it.
    public static func problems(in files: [RuleFile], requirement: AlertRuleRequirement) -> [String] {
        let found = closest(in: files, requirement: requirement)
        let prefix = found.place.map { "\($0): " } ?? ""
        return found.problems.map { prefix + $0 }
    }

    /// The problems of `problems(in:requirement:)` in one sentence, the alert named once; nil when none.
    public static func reason(in files: [RuleFile], requirement: AlertRuleRequirement) -> String? {
        let found = closest(in: files, requirement: requirement)
        guard !found.problems.isEmpty else { return nil }
        return (found.place.map { "\($0): " } ?? "") + found.problems.joined(separator: "; ")
    }

    /// The alert closest to `requirement` (its place: file, line and name) and its problems; the
    /// place is nil when the problem is with the files themselves.
    static func closest(in files: [RuleFile], requirement: AlertRuleRequirement) -> (place: String?, problems: [String])
    {
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
            if let first = fileProblems.first { return (nil, [first]) }
            let names = files.map(\.path).joined(separator: ", ")
            return (nil, ["\(names): found no alerting rule (a rule with 'alert:' under groups[].rules)"])
        }
        // Judge the alert that comes closest; report that one's problems.
        var best: (place: String?, problems: [String])?
        for alert in alerts {
            let name = alert.node["alert"]?.string ?? "?"
            let place = "\(alert.path):\(alert.node.mark?.line ?? 0): alert \(name)"
            let candidate = problems(of: alert.node, requirement: requirement)
            if best == nil || candidate.count < (best?.problems.count ?? Int.max) { best = (place, candidate) }
        }
        return best ?? (nil, [])
    }

    /// The problems of one alerting rule, without its place.
    static func problems(of alert: Node, requirement: AlertRuleRequirement) -> [String] {
        guard let exprText = alert["expr"]?.string, !exprText.isEmpty else { return ["it has no 'expr'"] }
        let expr: Expr
        do {
            expr = try PromQLParser.parse(exprText)
        } catch {
            return ["the expr does not parse: \(error.message)"]
        }
        var problems: [String] = []
        let threshold = requirement.above.formatted
        if let (side, number) = comparison(expr) {
            if number != requirement.above {
                problems.append(
                    "the expr compares with \(number.formatted); \(percent(requirement.above)) is written \(threshold) (the ratio is between 0 and 1)"
                )
            }
            let rule = ExpandedQuery(original: exprText, text: exprText, substitutions: [])
            if !requirement.ratio.matches(side, in: rule) {
                let shapeProblems = requirement.ratio.shapes.map { $0.closestProblems(in: side) ?? $0.problems(side) }
                    .first { !$0.isEmpty }
                problems.append(
                    shapeProblems?.joined(separator: "; ") ?? "the compared expression is not the ratio asked for"
                )
            }
        } else {
            problems.append(
                "the expr should end with '> \(threshold)', so the alert fires above \(percent(requirement.above))"
            )
        }
        let forText = alert["for"]?.string
        if forText.flatMap(PrometheusDuration.seconds) != requirement.forSeconds {
            problems.append(
                "expected 'for: \(requirement.forText)' (the ratio must stay above \(percent(requirement.above)) for \(requirement.forText)); found "
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
        // A percentage: `ratio * 100 > 5`, `100 * errors / all > 5`.
        let factor = scale(of: side)
        if factor != 1, factor > 0 { value /= factor }
        while case .binary(let scaled) = side.unparenthesized, scaled.op == .multiply {
            if case .number = scaled.rhs.unparenthesized {
                side = scaled.lhs
            } else if case .number = scaled.lhs.unparenthesized {
                side = scaled.rhs
            } else {
                break
            }
        }
        return (side, value)
    }

    /// The number `expr` multiplies its value by: 100 in `x * 100` and in `100 * a / b`.
    static func scale(of expr: Expr) -> Double {
        guard case .binary(let binary) = expr.unparenthesized else { return 1 }
        switch (binary.op, binary.lhs.unparenthesized, binary.rhs.unparenthesized) {
        case (.multiply, .number(let number), let other), (.multiply, let other, .number(let number)):
            return number.value * scale(of: other)
        case (.divide, let numerator, .number(let number)) where number.value != 0:
            return scale(of: numerator) / number.value
        case (.divide, let numerator, _):
            return scale(of: numerator)
        default:
            return 1
        }
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
