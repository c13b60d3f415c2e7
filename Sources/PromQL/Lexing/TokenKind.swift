/// The kinds of lexical items, named after Prometheus's lexer items.
public enum TokenKind: Hashable, Sendable {
    case eof
    /// A lexical error; the token's text is the message.
    case error
    case comment
    case identifier
    /// An identifier containing `:` (only a metric name can).
    case metricIdentifier
    case number
    case duration
    case string

    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon

    // Operators.
    case add, sub, mul, div, mod, pow
    case eqlc, neq, lte, lss, gte, gtr
    case eql, eqlRegex, neqRegex
    case at
    case land, lor, lunless, atan2

    // Aggregators.
    case avg, bottomk, count, countValues, group, max, min, quantile, stddev, stdvar, sum, topk, limitk, limitRatio

    // Keywords.
    case bool, by, groupLeft, groupRight, ignoring, offset, on, without, anchored, smoothed

    // Preprocessors (`@ start()`, `@ end()`, and the experimental `step()`, `range()`).
    case start, end, step, range

    /// The keywords, aggregators and word operators, keyed by their lower-case spelling.
    static let keywords: [String: TokenKind] = [
        "and": .land, "or": .lor, "unless": .lunless, "atan2": .atan2,
        "sum": .sum, "avg": .avg, "count": .count, "min": .min, "max": .max, "group": .group,
        "stddev": .stddev, "stdvar": .stdvar, "topk": .topk, "bottomk": .bottomk,
        "count_values": .countValues, "quantile": .quantile, "limitk": .limitk, "limit_ratio": .limitRatio,
        "offset": .offset, "smoothed": .smoothed, "anchored": .anchored, "by": .by, "without": .without,
        "on": .on, "ignoring": .ignoring, "group_left": .groupLeft, "group_right": .groupRight, "bool": .bool,
        "start": .start, "end": .end, "step": .step, "range": .range,
    ]

    /// True for the operators Prometheus prints as `<op:...>`.
    public var isOperator: Bool {
        switch self {
        case .add, .sub, .mul, .div, .mod, .pow, .eqlc, .neq, .lte, .lss, .gte, .gtr, .eqlRegex, .neqRegex, .at,
            .land, .lor, .lunless, .atan2:
            return true
        default: return false
        }
    }

    /// True for the aggregation operators.
    public var isAggregator: Bool {
        switch self {
        case .avg, .bottomk, .count, .countValues, .group, .max, .min, .quantile, .stddev, .stdvar, .sum, .topk,
            .limitk, .limitRatio:
            return true
        default: return false
        }
    }

    /// True for `bool by group_left group_right ignoring offset on without anchored smoothed`.
    public var isKeyword: Bool {
        switch self {
        case .bool, .by, .groupLeft, .groupRight, .ignoring, .offset, .on, .without, .anchored, .smoothed: return true
        default: return false
        }
    }

    /// The binary operator this token spells, if any.
    var binaryOperator: BinaryOperator? {
        switch self {
        case .lor: return .or
        case .land: return .and
        case .lunless: return .unless
        case .eqlc: return .equal
        case .neq: return .notEqual
        case .gtr: return .greater
        case .lss: return .less
        case .gte: return .greaterOrEqual
        case .lte: return .lessOrEqual
        case .add: return .add
        case .sub: return .subtract
        case .mul: return .multiply
        case .div: return .divide
        case .mod: return .modulo
        case .atan2: return .atan2
        case .pow: return .power
        default: return nil
        }
    }

    /// The aggregation this token spells, if it is one the AST models.
    var aggregationOperator: AggregationOperator? {
        switch self {
        case .sum: return .sum
        case .min: return .min
        case .max: return .max
        case .avg: return .avg
        case .group: return .group
        case .stddev: return .stddev
        case .stdvar: return .stdvar
        case .count: return .count
        case .countValues: return .countValues
        case .bottomk: return .bottomk
        case .topk: return .topk
        case .quantile: return .quantile
        default: return nil
        }
    }

    /// Tokens that may name a metric (`metric_identifier` in Prometheus's grammar).
    var isMetricIdentifier: Bool {
        switch self {
        case .identifier, .metricIdentifier, .avg, .bottomk, .by, .count, .countValues, .group, .land, .lor,
            .lunless, .max, .min, .offset, .quantile, .stddev, .stdvar, .sum, .topk, .without, .start, .end,
            .limitk, .limitRatio, .step, .range, .anchored, .smoothed:
            return true
        default: return false
        }
    }

    /// Tokens that may name a label in a grouping list (`maybe_label`).
    var isMaybeLabel: Bool {
        isMetricIdentifier || self == .bool || self == .groupLeft || self == .groupRight || self == .ignoring
            || self == .on || self == .atan2
    }
}
