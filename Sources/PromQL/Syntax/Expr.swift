/// A PromQL expression tree, as the parser builds it and the printer writes it back.
///
/// Every node carries the `SourceRange` of the text it came from. Positions never take part in
/// equality or hashing (see `SourceRange`), so `parse(print(tree)) == tree` compares meaning, not layout.
public indirect enum Expr: Hashable, Sendable {
    /// A number literal: `42`, `0x1F`, `1e3`, `Inf`, `NaN`.
    case number(NumberLiteral)
    /// A string literal, already unescaped.
    case string(StringLiteral)
    /// An instant vector selector: `http_requests_total{status="500"}`.
    case vectorSelector(VectorSelector)
    /// A range vector selector: `http_requests_total[5m]`.
    case matrixSelector(MatrixSelector)
    /// A subquery: `rate(x[5m])[30m:1m]`.
    case subquery(SubqueryExpr)
    /// A function call: `rate(x[5m])`.
    case call(Call)
    /// An aggregation: `sum by (le) (x)`.
    case aggregate(AggregateExpr)
    /// A binary operation: `a / on (job) b`.
    case binary(BinaryExpr)
    /// A unary minus or plus: `-x`.
    case unary(UnaryExpr)
    /// A parenthesised expression: `(a + b)`.
    case paren(ParenExpr)
}

/// A half-open range of byte offsets `[start, end)` into the parsed source.
///
/// Ranges are bookkeeping for messages and rules: two ranges always compare equal and hash alike,
/// so that trees parsed from differently spaced text are equal when they mean the same.
public struct SourceRange: Hashable, Sendable {
    /// The byte offset of the first character.
    public var start: Int
    /// The byte offset just past the last character.
    public var end: Int

    /// Makes a range from its two offsets.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public static func == (lhs: SourceRange, rhs: SourceRange) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}

/// A duration in milliseconds, as PromQL writes `1h30m` or `-5m`.
public struct PromDuration: Hashable, Sendable, Comparable {
    /// The length in milliseconds; negative only for a negative `offset`.
    public var milliseconds: Int64

    /// Makes a duration from milliseconds.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (lhs: PromDuration, rhs: PromDuration) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

/// The four types a PromQL expression can have.
public enum ValueType: String, Hashable, Sendable {
    case scalar
    case vector
    case matrix
    case string
}

/// A number literal.
public struct NumberLiteral: Hashable, Sendable {
    public var value: Double
    public var range: SourceRange
    /// True when the literal was written as a duration (`5m` means 300); it prints back as a duration.
    /// Presentation only: it takes no part in equality.
    public var isDuration: Bool
    public init(value: Double, range: SourceRange, isDuration: Bool = false) {
        self.value = value
        self.range = range
        self.isDuration = isDuration
    }
    // NaN == NaN here, so that parse(print(tree)) == tree holds for `NaN`.
    public static func == (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool {
        lhs.value.bitPattern == rhs.value.bitPattern || lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN)
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern))
    }
}

/// A string literal; `value` is the unescaped text.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var range: SourceRange
    public init(value: String, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// One label matcher inside braces: `status=~"5.."`.
public struct LabelMatcher: Hashable, Sendable {
    /// The four matching operators.
    public enum Operator: String, Hashable, Sendable {
        case equal = "="
        case notEqual = "!="
        case regexMatch = "=~"
        case regexNoMatch = "!~"
    }
    /// The label name (`__name__` for a name given inside the braces).
    public var name: String
    public var op: Operator
    /// The unescaped value.
    public var value: String
    public var range: SourceRange
    public init(name: String, op: Operator, value: String, range: SourceRange) {
        self.name = name
        self.op = op
        self.value = value
        self.range = range
    }
}

/// The `@` modifier: a Unix timestamp in milliseconds, or `start()` / `end()`.
public enum AtModifier: Hashable, Sendable {
    case timestamp(milliseconds: Int64)
    case start
    case end
}

/// An instant vector selector.
public struct VectorSelector: Hashable, Sendable {
    /// The metric name written before the braces, if any.
    public var name: String?
    /// The matchers written inside the braces (without a matcher for `name`).
    public var matchers: [LabelMatcher]
    /// The `offset` modifier, if present.
    public var offset: PromDuration?
    /// The `@` modifier, if present.
    public var at: AtModifier?
    public var range: SourceRange
    public init(
        name: String?,
        matchers: [LabelMatcher],
        offset: PromDuration? = nil,
        at: AtModifier? = nil,
        range: SourceRange
    ) {
        self.name = name
        self.matchers = matchers
        self.offset = offset
        self.at = at
        self.range = range
    }

    // Matchers compare as a set: `x{a="1",b="2"}` and `x{b="2",a="1"}` select the same series, and the
    // printer sorts them as Prometheus does.
    public static func == (lhs: VectorSelector, rhs: VectorSelector) -> Bool {
        lhs.name == rhs.name && lhs.offset == rhs.offset && lhs.at == rhs.at
            && lhs.matchers.count == rhs.matchers.count && lhs.sortedMatchers == rhs.sortedMatchers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(offset)
        hasher.combine(at)
        hasher.combine(sortedMatchers)
    }

    private var sortedMatchers: [LabelMatcher] {
        matchers.sorted { ($0.name, $0.op.rawValue, $0.value) < ($1.name, $1.op.rawValue, $1.value) }
    }
}

/// A range vector selector: an instant selector and the duration in brackets.
/// As in Prometheus, `offset` and `@` written after the brackets live on the inner selector.
public struct MatrixSelector: Hashable, Sendable {
    public var selector: VectorSelector
    public var duration: PromDuration
    /// Where the duration between the brackets was written (rules use it to spot `$__rate_interval`).
    public var durationRange: SourceRange
    public var range: SourceRange
    public init(selector: VectorSelector, duration: PromDuration, durationRange: SourceRange, range: SourceRange) {
        self.selector = selector
        self.duration = duration
        self.durationRange = durationRange
        self.range = range
    }
}

/// A subquery: `expr[range:step]` or `expr[range:]`.
public struct SubqueryExpr: Hashable, Sendable {
    public var expr: Expr
    public var duration: PromDuration
    public var durationRange: SourceRange
    /// The resolution step; `nil` for `[range:]`.
    public var step: PromDuration?
    public var offset: PromDuration?
    public var at: AtModifier?
    public var range: SourceRange
    public init(
        expr: Expr,
        duration: PromDuration,
        durationRange: SourceRange,
        step: PromDuration?,
        offset: PromDuration? = nil,
        at: AtModifier? = nil,
        range: SourceRange
    ) {
        self.expr = expr
        self.duration = duration
        self.durationRange = durationRange
        self.step = step
        self.offset = offset
        self.at = at
        self.range = range
    }
}

/// A function call such as `rate(x[5m])` or `histogram_quantile(0.95, ...)`.
public struct Call: Hashable, Sendable {
    /// The function's name as written (`rate`).
    public var function: String
    public var arguments: [Expr]
    public var range: SourceRange
    public init(function: String, arguments: [Expr], range: SourceRange) {
        self.function = function
        self.arguments = arguments
        self.range = range
    }
}

/// The aggregation operators.
public enum AggregationOperator: String, Hashable, Sendable, CaseIterable {
    case sum, min, max, avg, group, stddev, stdvar, count
    case countValues = "count_values"
    case bottomk, topk, quantile
}

/// An aggregation: `sum by (le) (rate(x[5m]))`, `topk(5, x)`.
public struct AggregateExpr: Hashable, Sendable {
    public var op: AggregationOperator
    /// The aggregated expression (the last argument).
    public var expr: Expr
    /// The parameter of `topk`, `bottomk`, `quantile` and `count_values`.
    public var parameter: Expr?
    /// The labels in `by (...)` or `without (...)`, in written order.
    public var grouping: [String]
    /// True for `without (...)`, false for `by (...)` or no clause.
    public var without: Bool
    /// True when a clause that changes the grouping was written: `without (...)` or `by (labels...)`.
    /// `sum by () (x)` is `sum(x)`, as Prometheus prints it, so an empty `by ()` does not count.
    public var hasGroupingClause: Bool
    public var range: SourceRange
    public init(
        op: AggregationOperator,
        expr: Expr,
        parameter: Expr? = nil,
        grouping: [String] = [],
        without: Bool = false,
        hasGroupingClause: Bool = false,
        range: SourceRange
    ) {
        self.op = op
        self.expr = expr
        self.parameter = parameter
        self.grouping = grouping
        self.without = without
        self.hasGroupingClause = hasGroupingClause
        self.range = range
    }
}

/// The binary operators, from loosest to tightest binding: `or`; `and unless`;
/// comparisons; `+ -`; `* / % atan2`; `^` (right-associative).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or, and, unless
    case equal = "=="
    case notEqual = "!="
    case greater = ">"
    case less = "<"
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case atan2
    case power = "^"

    /// True for `== != > < >= <=`.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: return true
        default: return false
        }
    }

    /// True for `and`, `or`, `unless`.
    public var isSetOperator: Bool {
        self == .and || self == .or || self == .unless
    }
}

/// How the two sides of a vector binary operation are matched.
public struct VectorMatching: Hashable, Sendable {
    /// The cardinality `group_left`/`group_right` declares.
    public enum Cardinality: String, Hashable, Sendable {
        case oneToOne = "one-to-one"
        case manyToOne = "many-to-one"
        case oneToMany = "one-to-many"
        case manyToMany = "many-to-many"
    }
    public var cardinality: Cardinality
    /// The labels in `on (...)` or `ignoring (...)`.
    public var matchingLabels: [String]
    /// True for `on (...)`, false for `ignoring (...)` or no clause.
    public var on: Bool
    /// True when a clause that changes the matching was written: `on (...)`, `ignoring (labels...)`, or a
    /// group modifier. A bare `ignoring ()` changes nothing and, as in Prometheus's printer, does not count.
    public var hasMatchingClause: Bool
    /// The labels listed after `group_left`/`group_right`.
    public var include: [String]
    public init(
        cardinality: VectorMatching.Cardinality,
        matchingLabels: [String] = [],
        on: Bool = false,
        hasMatchingClause: Bool = false,
        include: [String] = []
    ) {
        self.cardinality = cardinality
        self.matchingLabels = matchingLabels
        self.on = on
        self.hasMatchingClause = hasMatchingClause
        self.include = include
    }
}

/// A binary operation.
public struct BinaryExpr: Hashable, Sendable {
    public var op: BinaryOperator
    public var lhs: Expr
    public var rhs: Expr
    /// True when the comparison carries `bool`.
    public var returnBool: Bool
    /// The vector matching, set when both sides are vectors (or a clause was written).
    public var matching: VectorMatching?
    public var range: SourceRange
    public init(
        op: BinaryOperator,
        lhs: Expr,
        rhs: Expr,
        returnBool: Bool = false,
        matching: VectorMatching? = nil,
        range: SourceRange
    ) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.returnBool = returnBool
        self.matching = matching
        self.range = range
    }
}

/// A unary operation: `-x` or `+x`.
public struct UnaryExpr: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case minus = "-"
        case plus = "+"
    }
    public var op: Operator
    public var expr: Expr
    public var range: SourceRange
    public init(op: UnaryExpr.Operator, expr: Expr, range: SourceRange) {
        self.op = op
        self.expr = expr
        self.range = range
    }
}

/// A parenthesised expression.
public struct ParenExpr: Hashable, Sendable {
    public var expr: Expr
    public var range: SourceRange
    public init(expr: Expr, range: SourceRange) {
        self.expr = expr
        self.range = range
    }
}
