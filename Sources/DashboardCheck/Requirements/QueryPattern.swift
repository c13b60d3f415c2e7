import Foundation
import PromQL

/// A shape a query must have, written in `requirements.json` and matched against the PromQL tree
/// (never against the text), so that correct answers written differently all match.
///
/// Each pattern is a JSON object with one of these keys:
/// - `{"call": "rate" | ["rate", "increase"], "args": [pattern or null, ...], "over": pattern}`:
///   a function call; `args[i]` must match argument `i` (parentheses ignored); `over` must match
///   some node anywhere inside the arguments.
/// - `{"aggregate": "sum" | [...] | "any", "keeps": ["le", ...], "over": pattern}`: an aggregation whose
///   result keeps the listed labels (`by` lists them, `without` does not, `topk`/`bottomk` keep all).
/// - `{"selector": "name" | [...], "range": "$__rate_interval" | ["$__rate_interval", "$__range"] |
///   "variable" | "fixed" | "instant" | "any", "selects": {"status": ["500", "503"]},
///   "rejects": {"status": ["200"]}}`: a vector or range selector of that metric. Other label matchers
///   are accepted, but with `selects` the selector's matchers must accept every listed value of the
///   label (`status=~"5.."`, `status=~"5.*"` and `status=~"500|503"` all select 500 and 503; no
///   matcher on the label selects everything), and with `rejects` they must refuse every listed value.
/// - `{"binary": "/" | ["/", "*"], "left": pattern, "right": pattern}`: a binary operation whose two
///   sides (parentheses ignored) match `left` and `right`.
/// - `{"number": 0.95}`: a number literal.
/// - `{"shape": "error-ratio"}`: a node the named shape check accepts (`QueryShape`): shapes too
///   varied for patterns, with reasons in words for near misses.
/// - `{"ranges": "$__rate_interval" | [...] | "variable" | "fixed"}`: the node has range selectors and
///   every one of them has such a range.
/// - `{"allOf": [pattern, ...]}`: every pattern matches the node.
/// - `{"contains": pattern}`: the node or any node below it matches.
/// - `{"anyOf": [pattern, ...]}`: one of the patterns matches.
/// - `{}`: anything.
public indirect enum QueryPattern: Sendable, Equatable {
    /// What a selector's range must be.
    public enum RangeRule: Sendable, Equatable {
        /// Any selector, instant or range.
        case any
        /// An instant selector (no brackets).
        case instant
        /// A range written as a number (`[5m]`).
        case fixed
        /// A range given by any variable.
        case variable
        /// A range given by one of these variables (`__rate_interval`, `__range`).
        case variables([String])
    }

    case anything
    case call(functions: [String]?, arguments: [QueryPattern?], over: QueryPattern?)
    case aggregate(operators: [String]?, keeps: [String], over: QueryPattern?)
    case selector(metrics: [String]?, range: RangeRule, selects: [String: [String]], rejects: [String: [String]])
    case binary(operators: [String]?, left: QueryPattern, right: QueryPattern)
    case number(Double)
    case contains(QueryPattern)
    case anyOf([QueryPattern])
    case shape(QueryShape)
    case ranges(RangeRule)
    case allOf([QueryPattern])

    /// True when `expr` (parentheses aside) has this shape; `expanded` tells variables from literals.
    public func matches(_ expr: Expr, in expanded: ExpandedQuery) -> Bool {
        let node = expr.unparenthesized
        switch self {
        case .anything:
            return true
        case .contains(let inner):
            var found = false
            ExprTraversal.walk(node) { candidate, _ in
                if !found, inner.matches(candidate, in: expanded) { found = true }
            }
            return found
        case .anyOf(let alternatives):
            return alternatives.contains { $0.matches(node, in: expanded) }
        case .shape(let shape):
            return shape.problems(node).isEmpty
        case .allOf(let patterns):
            return patterns.allSatisfy { $0.matches(node, in: expanded) }
        case .ranges(let rule):
            var count = 0
            var allMatch = true
            ExprTraversal.walk(node) { candidate, _ in
                guard case .matrixSelector = candidate else { return }
                count += 1
                if !Self.range(of: candidate, satisfies: rule, in: expanded) { allMatch = false }
            }
            return count > 0 && allMatch
        case .number(let value):
            if case .number(let literal) = node { return literal.value == value }
            return false
        case .call(let functions, let arguments, let over):
            guard case .call(let call) = node else { return false }
            if let functions, !functions.contains(call.function) { return false }
            for (index, pattern) in arguments.enumerated() {
                guard let pattern else { continue }
                guard index < call.arguments.count, pattern.matches(call.arguments[index], in: expanded) else {
                    return false
                }
            }
            if let over {
                return call.arguments.contains { QueryPattern.contains(over).matches($0, in: expanded) }
            }
            return true
        case .aggregate(let operators, let keeps, let over):
            guard case .aggregate(let aggregate) = node else { return false }
            if let operators, !operators.contains(aggregate.op.rawValue) { return false }
            if !keeps.isEmpty, !Self.keeps(aggregate, keeps) { return false }
            if let over { return QueryPattern.contains(over).matches(aggregate.expr, in: expanded) }
            return true
        case .selector(let metrics, let rangeRule, let selects, let rejects):
            guard let selector = ExprTraversal.selector(in: node) else { return false }
            if let metrics {
                guard let name = ExprTraversal.metricName(of: selector), metrics.contains(name) else { return false }
            }
            for (label, values) in selects where !values.allSatisfy({ Self.accepts(selector, label, $0) }) {
                return false
            }
            for (label, values) in rejects where values.contains(where: { Self.accepts(selector, label, $0) }) {
                return false
            }
            return Self.range(of: node, satisfies: rangeRule, in: expanded)
        case .binary(let operators, let left, let right):
            guard case .binary(let binary) = node else { return false }
            if let operators, !operators.contains(binary.op.rawValue) { return false }
            return left.matches(binary.lhs, in: expanded) && right.matches(binary.rhs, in: expanded)
        }
    }

    /// The shapes this pattern asks for, outside `contains` and inside `anyOf`.
    public var shapes: [QueryShape] {
        switch self {
        case .shape(let shape): return [shape]
        case .anyOf(let alternatives), .allOf(let alternatives): return alternatives.flatMap(\.shapes)
        case .contains(let inner): return inner.shapes
        default: return []
        }
    }

    /// True when every matcher of `selector` on `label` accepts `value` (so a series with that
    /// label value would be selected, as far as this label decides).
    private static func accepts(_ selector: VectorSelector, _ label: String, _ value: String) -> Bool {
        selector.matchers.filter { $0.name == label }.allSatisfy { matcher in
            switch matcher.op {
            case .equal: return matcher.value == value
            case .notEqual: return matcher.value != value
            case .regexMatch: return fullMatch(matcher.value, value) ?? false
            case .regexNoMatch: return !(fullMatch(matcher.value, value) ?? true)
            }
        }
    }

    /// Whether `regex`, anchored at both ends as Prometheus anchors label regexes, matches all of
    /// `value`; nil when the regex does not compile.
    private static func fullMatch(_ regex: String, _ value: String) -> Bool? {
        guard let compiled = try? NSRegularExpression(pattern: "^(?s:" + regex + ")$") else { return nil }
        let range = NSRange(value.startIndex..., in: value)
        return compiled.firstMatch(in: value, options: [], range: range) != nil
    }

    private static func keeps(_ aggregate: AggregateExpr, _ labels: [String]) -> Bool {
        switch aggregate.op {
        case .topk, .bottomk: return true
        default: break
        }
        guard aggregate.hasGroupingClause else { return false }
        if aggregate.without { return !labels.contains { aggregate.grouping.contains($0) } }
        return labels.allSatisfy { aggregate.grouping.contains($0) }
    }

    private static func range(of node: Expr, satisfies rule: RangeRule, in expanded: ExpandedQuery) -> Bool {
        guard case .matrixSelector(let matrix) = node else {
            return rule == .any || rule == .instant
        }
        let substitution = expanded.substitution(covering: matrix.durationRange)
        switch rule {
        case .any: return true
        case .instant: return false
        case .fixed: return substitution == nil
        case .variable: return substitution != nil
        case .variables(let names): return substitution.map { names.contains($0.variable) } ?? false
        }
    }
}
