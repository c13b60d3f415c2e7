import Foundation
import PromQL

/// Checks that a PromQL expression is the ratio of 5xx responses to all responses:
/// `sum(rate(http_requests_total{status=~"5.."}[...])) / sum(rate(http_requests_total[...]))`, written
/// any equivalent way: other aggregations with the same grouping on both sides (`sum by (job)`,
/// `sum by (handler)`), `irate` or `increase`, extra filters, parentheses, and Grafana's
/// "zero when there are no errors" form `(sum(rate(5xx)) or sum(rate(all)) * 0) / sum(rate(all))`.
///
/// A part multiplied by 0 contributes nothing to the value, so it is left out of the checks.
public enum ErrorRatioShape {
    /// The counter the ratio is computed from.
    public static let metric = "http_requests_total"

    /// The problems with `expr` as an error ratio; empty when it is one.
    public static func problems(_ expr: Expr) -> [String] {
        guard case .binary(let division) = expr.unparenthesized, division.op == .divide else {
            return ["expected a division: the rate of 5xx responses / the rate of all responses"]
        }
        var problems: [String] = []
        let errors = rateSelectors(in: division.lhs)
        let all = rateSelectors(in: division.rhs)
        if errors.isEmpty {
            problems.append("the numerator should be rate(\(metric){status=~\"5..\"}[...]); found no rate of \(metric)")
        } else if !errors.allSatisfy(selectsOnly5xx) {
            problems.append(
                "the numerator should keep only 5xx responses (status=~\"5..\"); it also counts other statuses"
            )
        }
        if all.isEmpty {
            problems.append(
                "the denominator should be rate(\(metric)[...]) of all responses; found no rate of \(metric)"
            )
        } else if !all.allSatisfy(selectsAllStatuses) {
            problems.append("the denominator should count all responses; it filters on status")
        }
        let lhsGrouping = grouping(of: division.lhs)
        let rhsGrouping = grouping(of: division.rhs)
        if lhsGrouping == nil || rhsGrouping == nil {
            problems.append(
                "sum both sides (sum(rate(...)) / sum(rate(...))): without it each series is divided by the series with the same labels, status included"
            )
        } else if let lhsGrouping, let rhsGrouping, lhsGrouping.contains("status") || rhsGrouping.contains("status") {
            problems.append("do not keep the status label in the sums: the ratio is over all statuses")
        } else if lhsGrouping != rhsGrouping, division.matching?.hasMatchingClause != true {
            problems.append("both sums should keep the same labels (\(lhsGrouping ?? []) vs \(rhsGrouping ?? []))")
        }
        return problems
    }

    /// The selectors of `metric` that `expr` takes a rate (or increase) of, outside parts multiplied by 0.
    static func rateSelectors(in expr: Expr) -> [VectorSelector] {
        var found: [VectorSelector] = []
        ExprTraversal.walk(expr) { node, ancestors in
            guard case .call(let call) = node, ["rate", "irate", "increase"].contains(call.function),
                let argument = call.arguments.first,
                case .matrixSelector(let matrix) = argument.unparenthesized,
                ExprTraversal.metricName(of: matrix.selector) == metric,
                !ancestors.contains(where: isTimesZero)
            else { return }
            found.append(matrix.selector)
        }
        return found
    }

    /// The labels a side keeps (sorted), or nil when it is not aggregated. `A or B` keeps what both
    /// keep; a side multiplied or divided by a number keeps what it keeps.
    static func grouping(of expr: Expr) -> [String]? {
        switch expr.unparenthesized {
        case .aggregate(let aggregate):
            if aggregate.without { return ["without"] + aggregate.grouping.sorted() }
            return aggregate.grouping.sorted()
        case .binary(let binary) where binary.op == .or:
            let left = grouping(of: binary.lhs)
            return left == grouping(of: binary.rhs) ? left : nil
        case .binary(let binary) where !binary.op.isComparison && !binary.op.isSetOperator:
            if case .number = binary.rhs.unparenthesized { return grouping(of: binary.lhs) }
            if case .number = binary.lhs.unparenthesized { return grouping(of: binary.rhs) }
            return nil
        default:
            return nil
        }
    }

    /// True for `X * 0` and `0 * X`: a part whose value is always 0.
    static func isTimesZero(_ expr: Expr) -> Bool {
        guard case .binary(let binary) = expr, binary.op == .multiply else { return false }
        for side in [binary.lhs, binary.rhs] {
            if case .number(let number) = side.unparenthesized, number.value == 0 { return true }
        }
        return false
    }

    static func selectsOnly5xx(_ selector: VectorSelector) -> Bool {
        let statuses = selector.matchers.filter { $0.name == "status" }
        guard !statuses.isEmpty else { return false }
        return accepts(statuses, "500") && accepts(statuses, "503") && !accepts(statuses, "200")
            && !accepts(statuses, "404")
    }

    static func selectsAllStatuses(_ selector: VectorSelector) -> Bool {
        let statuses = selector.matchers.filter { $0.name == "status" }
        return ["200", "404", "500"].allSatisfy { accepts(statuses, $0) }
    }

    /// True when every matcher accepts `value` (regexes are anchored, as in Prometheus).
    static func accepts(_ matchers: [LabelMatcher], _ value: String) -> Bool {
        matchers.allSatisfy { matcher in
            switch matcher.op {
            case .equal: return matcher.value == value
            case .notEqual: return matcher.value != value
            case .regexMatch: return fullMatch(matcher.value, value)
            case .regexNoMatch: return !fullMatch(matcher.value, value)
            }
        }
    }

    static func fullMatch(_ pattern: String, _ value: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: "^(?s:" + pattern + ")$") else { return false }
        return regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }
}
