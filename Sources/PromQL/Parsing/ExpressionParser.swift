import Foundation

/// The recursive-descent parser behind `PromQLParser.parse`, following the rules of Prometheus's
/// yacc grammar (`promql/parser/generated_parser.y`) and its error messages.
///
/// Tokens are read lazily, one lookahead at a time, so that errors come out in the order Prometheus
/// reports them. Every parse function throws the first error it meets.
struct ExpressionParser {
    /// The deepest expression tree the parser builds; deeper input is an error, not a stack overflow.
    static let maximumDepth = 500

    /// An expression with the height of its tree.
    struct Parsed {
        var expr: Expr
        var height: Int
        /// `expr.type`, kept so that building a binary expression need not walk its operands.
        var type: ValueType
        /// `expr.range`, kept so that it need not be read out of the tree.
        var range: SourceRange
    }

    private var lexer: Lexer
    private let source: String
    private let bytes: [UInt8]
    private var lookahead: RawToken?
    private var lastEnd = 0
    private var depth = 0
    private var aggregationDepth = 0

    init(source: String) {
        self.source = source
        lexer = Lexer(source)
        bytes = lexer.bytes
    }

    // MARK: Tokens

    @inline(__always)
    private mutating func peek() throws(PromQLError) -> RawToken {
        if let lookahead { return lookahead }
        return try readLookahead()
    }

    private mutating func readLookahead() throws(PromQLError) -> RawToken {
        var token = lexer.nextRaw()
        while token.kind == .comment { token = lexer.nextRaw() }
        if token.kind == .error { throw error(lexer.errorMessage, at: token.offset) }
        lookahead = token
        return token
    }

    @discardableResult
    private mutating func take() throws(PromQLError) -> RawToken {
        let token = try peek()
        lookahead = nil
        lastEnd = token.end
        return token
    }

    private func error(_ message: String, at offset: Int) -> PromQLError {
        PromQLError(message: message, position: SourcePosition(offset: offset, in: source))
    }

    /// Prometheus's `unexpected(context, expected)`: `unexpected <op:+> in aggregation, expected ...`.
    private func unexpected(_ token: RawToken, _ context: String? = nil, expected: String? = nil) -> PromQLError {
        var message = "unexpected " + lexer.token(token).description
        if let context = context ?? (aggregationDepth > 0 ? "aggregation" : nil) { message += " in " + context }
        if let expected { message += ", expected " + expected }
        return error(message, at: token.offset)
    }

    // MARK: Expressions

    /// start : START_EXPRESSION expr EOF
    mutating func parseTopLevel(typeCheck: Bool = true) throws(PromQLError) -> Expr {
        if try peek().kind == .eof { throw error("no expression found in input", at: 0) }
        let parsed = try parseExpression(minimumPrecedence: 0)
        let next = try peek()
        if next.kind != .eof { throw unexpected(next) }
        if typeCheck { try TypeChecker(source: lexer.bytes).check(parsed.expr) }
        return parsed.expr
    }

    private static func precedence(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: return 1
        case .and, .unless: return 2
        case .equal, .notEqual, .greater, .less, .greaterOrEqual, .lessOrEqual: return 3
        case .add, .subtract: return 4
        case .multiply, .divide, .modulo, .atan2: return 5
        case .power: return 6
        }
    }

    private mutating func checkHeight(_ height: Int, at offset: Int) throws(PromQLError) {
        if height > Self.maximumDepth {
            throw error("expression nests too deeply (more than \(Self.maximumDepth) levels)", at: offset)
        }
    }

    /// binary_expr : expr <op> bin_modifier expr — with `%left LOR`, `%left LAND LUNLESS`,
    /// `%left EQLC GTE GTR LSS LTE NEQ`, `%left ADD SUB`, `%left MUL DIV MOD ATAN2`, `%right POW`.
    private mutating func parseExpression(minimumPrecedence: Int) throws(PromQLError) -> Parsed {
        depth += 1
        defer { depth -= 1 }
        try checkHeight(depth, at: try peek().offset)
        var lhs = try parseUnary()
        while true {
            let token = try peek()
            guard let op = token.kind.binaryOperator else { break }
            let precedence = Self.precedence(op)
            guard precedence >= minimumPrecedence else { break }
            try take()
            let modifiers = try parseBinaryModifiers()
            let rhs = try parseExpression(minimumPrecedence: op == .power ? precedence : precedence + 1)
            let height = max(lhs.height, rhs.height) + 1
            try checkHeight(height + depth, at: token.offset)
            let type: ValueType = lhs.type == .scalar && rhs.type == .scalar ? .scalar : .vector
            let range = SourceRange(start: lhs.range.start, end: rhs.range.end)
            lhs = Parsed(expr: makeBinary(op, lhs, rhs, modifiers), height: height, type: type, range: range)
        }
        return lhs
    }

    private struct BinaryModifiers {
        var returnBool = false
        var on = false
        var labels: [String] = []
        var cardinality = VectorMatching.Cardinality.oneToOne
        var include: [String] = []
    }

    /// bin_modifier : group_modifiers ;
    /// bool_modifier : /* empty */ | BOOL ;
    /// on_or_ignoring : bool_modifier IGNORING grouping_labels | bool_modifier ON grouping_labels ;
    /// group_modifiers : bool_modifier | on_or_ignoring | on_or_ignoring GROUP_LEFT maybe_grouping_labels
    ///                 | on_or_ignoring GROUP_RIGHT maybe_grouping_labels ;
    private mutating func parseBinaryModifiers() throws(PromQLError) -> BinaryModifiers {
        var modifiers = BinaryModifiers()
        if try peek().kind == .bool {
            try take()
            modifiers.returnBool = true
        }
        let clause = try peek().kind
        guard clause == .on || clause == .ignoring else { return modifiers }
        try take()
        modifiers.on = clause == .on
        modifiers.labels = try parseGroupingLabels()
        let group = try peek().kind
        guard group == .groupLeft || group == .groupRight else { return modifiers }
        try take()
        modifiers.cardinality = group == .groupLeft ? .manyToOne : .oneToMany
        let next = try peek()
        if next.kind == .leftParen {
            modifiers.include = try parseGroupingLabels()
        } else if !Self.startsExpression(next.kind) {
            // Neither a label list nor the right operand: Prometheus blames the missing list.
            throw unexpected(next, "grouping opts", expected: "\"(\"")
        }
        return modifiers
    }

    /// Builds a binary expression; matching is kept only between two instant vectors (as Prometheus
    /// drops it otherwise), or when labels were written (which the type checker then rejects).
    private func makeBinary(_ op: BinaryOperator, _ lhs: Parsed, _ rhs: Parsed, _ modifiers: BinaryModifiers) -> Expr {
        var cardinality = modifiers.cardinality
        if op.isSetOperator && cardinality == .oneToOne { cardinality = .manyToMany }
        let bothVectors = lhs.type == .vector && rhs.type == .vector
        var matching: VectorMatching?
        if bothVectors || !modifiers.labels.isEmpty {
            let grouped = cardinality == .manyToOne || cardinality == .oneToMany
            matching = VectorMatching(
                cardinality: cardinality,
                matchingLabels: modifiers.labels,
                on: modifiers.on,
                hasMatchingClause: modifiers.on || !modifiers.labels.isEmpty || grouped,
                include: modifiers.include
            )
        }
        let range = SourceRange(start: lhs.range.start, end: rhs.range.end)
        return .binary(
            BinaryExpr(
                op: op,
                lhs: lhs.expr,
                rhs: rhs.expr,
                returnBool: modifiers.returnBool,
                matching: matching,
                range: range
            )
        )
    }

    /// grouping_labels : LEFT_PAREN grouping_label_list RIGHT_PAREN | LEFT_PAREN grouping_label_list COMMA RIGHT_PAREN
    ///                 | LEFT_PAREN RIGHT_PAREN ;
    /// grouping_label : maybe_label | STRING ;
    private mutating func parseGroupingLabels() throws(PromQLError) -> [String] {
        let open = try peek()
        guard open.kind == .leftParen else { throw unexpected(open, "grouping opts", expected: "\"(\"") }
        try take()
        var labels: [String] = []
        if try peek().kind == .rightParen {
            try take()
            return labels
        }
        while true {
            let label = try peek()
            if label.kind.isMaybeLabel {
                try take()
                labels.append(lexer.text(label))
            } else if label.kind == .string {
                try take()
                let name = unquote(label)
                if name.isEmpty {
                    throw error("invalid label name for grouping: \(GoQuote.quote(name))", at: label.offset)
                }
                labels.append(name)
            } else {
                throw unexpected(label, "grouping opts", expected: "label")
            }
            let separator = try peek()
            if separator.kind == .comma {
                try take()
                if try peek().kind == .rightParen {
                    try take()
                    return labels
                }
                continue
            }
            if separator.kind == .rightParen {
                try take()
                return labels
            }
            throw unexpected(separator, "grouping opts", expected: "\",\" or \")\"")
        }
    }

    /// unary_expr : unary_op expr %prec MUL ; — a number literal absorbs its sign.
    private mutating func parseUnary() throws(PromQLError) -> Parsed {
        let token = try peek()
        guard token.kind == .add || token.kind == .sub else { return try parsePostfix(parsePrimary()) }
        try take()
        let operand = try parseExpression(minimumPrecedence: Self.precedence(.power))
        if case .number(var literal) = operand.expr {
            if token.kind == .sub { literal.value = -literal.value }
            literal.range.start = token.offset
            return Parsed(expr: .number(literal), height: operand.height, type: .scalar, range: literal.range)
        }
        let op: UnaryExpr.Operator = token.kind == .sub ? .minus : .plus
        let range = SourceRange(start: token.offset, end: operand.range.end)
        return Parsed(
            expr: .unary(UnaryExpr(op: op, expr: operand.expr, range: range)),
            height: operand.height + 1,
            type: operand.type,
            range: range
        )
    }

    /// expr : aggregate_expr | function_call | number_duration_literal | paren_expr | string_literal
    ///      | vector_selector | ... ;
    private mutating func parsePrimary() throws(PromQLError) -> Parsed {
        let token = try peek()
        switch token.kind {
        case .number, .duration:
            try take()
            let value = try literalValue(token)
            let range = SourceRange(start: token.offset, end: token.end)
            var literal = NumberLiteral(value: value, range: range)
            literal.isDuration = token.kind == .duration
            return Parsed(expr: .number(literal), height: 1, type: .scalar, range: range)
        case .string:
            try take()
            let range = SourceRange(start: token.offset, end: token.end)
            let literal = StringLiteral(value: unquote(token), range: range)
            return Parsed(expr: .string(literal), height: 1, type: .string, range: range)
        case .leftParen:
            return try parseParen()
        case .leftBrace:
            return selector(try parseSelector(name: nil))
        case .identifier:
            try take()
            if try peek().kind == .leftParen { return try parseCall(name: token) }
            return selector(try parseSelector(name: token))
        case _ where token.kind.isAggregator:
            try take()
            let next = try peek().kind
            if next == .leftParen || next == .by || next == .without { return try parseAggregation(op: token) }
            return selector(try parseSelector(name: token))
        case _ where token.kind.isMetricIdentifier:
            try take()
            return selector(try parseSelector(name: token))
        default:
            throw unexpected(token)
        }
    }

    private func selector(_ selector: VectorSelector) -> Parsed {
        Parsed(expr: .vectorSelector(selector), height: 1, type: .vector, range: selector.range)
    }

    /// paren_expr : LEFT_PAREN expr RIGHT_PAREN ;
    private mutating func parseParen() throws(PromQLError) -> Parsed {
        let open = try take()
        let inner = try parseExpression(minimumPrecedence: 0)
        let close = try peek()
        guard close.kind == .rightParen else { throw unexpected(close) }
        try take()
        let range = SourceRange(start: open.offset, end: close.end)
        return Parsed(
            expr: .paren(ParenExpr(expr: inner.expr, range: range)),
            height: inner.height + 1,
            type: inner.type,
            range: range
        )
    }

    /// function_call_body : LEFT_PAREN function_call_args RIGHT_PAREN | LEFT_PAREN RIGHT_PAREN ;
    /// function_call_args : function_call_args COMMA expr | expr ;
    /// Returns the arguments and the height of the tallest.
    private mutating func parseCallBody() throws(PromQLError) -> (arguments: [Expr], height: Int) {
        try take()
        var arguments: [Expr] = []
        var height = 0
        if try peek().kind == .rightParen {
            try take()
            return (arguments, height)
        }
        while true {
            let argument = try parseExpression(minimumPrecedence: 0)
            arguments.append(argument.expr)
            height = max(height, argument.height)
            let separator = try peek()
            if separator.kind == .comma {
                try take()
                // Like Prometheus's parser, a comma followed by anything that cannot start an argument
                // (not only `)`) is reported as a trailing comma.
                if !Self.startsExpression(try peek().kind) {
                    throw error("trailing commas not allowed in function call args", at: separator.offset)
                }
                continue
            }
            if separator.kind == .rightParen {
                try take()
                return (arguments, height)
            }
            throw unexpected(separator)
        }
    }

    /// True for the tokens an expression can start with.
    private static func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .number, .duration, .string, .leftParen, .leftBrace, .add, .sub: return true
        default: return kind.isMetricIdentifier
        }
    }

    /// function_call : IDENTIFIER function_call_body ;
    private mutating func parseCall(name nameToken: RawToken) throws(PromQLError) -> Parsed {
        let (arguments, argumentHeight) = try parseCallBody()
        let name = lexer.text(nameToken)
        guard let index = PromQLFunction.index(named: name) else {
            throw error("unknown function with name \(GoQuote.quote(name))", at: nameToken.offset)
        }
        if PromQLFunction.all[index].isExperimental {
            throw error("function \(GoQuote.quote(name)) is not enabled", at: nameToken.offset)
        }
        let range = SourceRange(start: nameToken.offset, end: lastEnd)
        let call = Call(function: name, arguments: arguments, range: range)
        return Parsed(
            expr: .call(call),
            height: argumentHeight + 1,
            type: PromQLFunction.all[index].returnType,
            range: range
        )
    }

    /// aggregate_expr : aggregate_op aggregate_modifier function_call_body
    ///                | aggregate_op function_call_body aggregate_modifier | aggregate_op function_call_body ;
    /// aggregate_modifier : BY grouping_labels | WITHOUT grouping_labels ;
    private mutating func parseAggregation(op: RawToken) throws(PromQLError) -> Parsed {
        aggregationDepth += 1
        defer { aggregationDepth -= 1 }
        var grouping: [String] = []
        var without = false
        var sawModifier = false
        let first = try peek()
        if first.kind == .by || first.kind == .without {
            try take()
            without = first.kind == .without
            grouping = try parseGroupingLabels()
            sawModifier = true
            let body = try peek()
            guard body.kind == .leftParen else { throw unexpected(body) }
        }
        let (arguments, argumentHeight) = try parseCallBody()
        if !sawModifier {
            let after = try peek()
            if after.kind == .by || after.kind == .without {
                try take()
                without = after.kind == .without
                grouping = try parseGroupingLabels()
            }
        }
        if arguments.isEmpty { throw error("no arguments for aggregate expression provided", at: op.offset) }
        guard let aggregation = op.kind.aggregationOperator else {
            let name = op.kind == .limitk ? "limitk" : "limit_ratio"
            throw error(
                "\(name)() is experimental and must be enabled with --enable-feature=promql-experimental-functions",
                at: op.offset
            )
        }
        let hasParameter: Bool
        switch aggregation {
        case .topk, .bottomk, .quantile, .countValues: hasParameter = true
        default: hasParameter = false
        }
        let desired = hasParameter ? 2 : 1
        if arguments.count != desired {
            throw error(
                "wrong number of arguments for aggregate expression provided, expected \(desired), got \(arguments.count)",
                at: op.offset
            )
        }
        let range = SourceRange(start: op.offset, end: lastEnd)
        let aggregate = AggregateExpr(
            op: aggregation,
            expr: arguments[desired - 1],
            parameter: hasParameter ? arguments[0] : nil,
            grouping: grouping,
            without: without,
            hasGroupingClause: without || !grouping.isEmpty,
            range: range
        )
        return Parsed(expr: .aggregate(aggregate), height: argumentHeight + 1, type: .vector, range: range)
    }

    // MARK: Selectors

    /// vector_selector : metric_identifier label_matchers | metric_identifier | label_matchers ;
    /// label_matchers : LEFT_BRACE label_match_list RIGHT_BRACE | LEFT_BRACE label_match_list COMMA RIGHT_BRACE
    ///                | LEFT_BRACE RIGHT_BRACE ;
    private mutating func parseSelector(name: RawToken?) throws(PromQLError) -> VectorSelector {
        var matchers: [LabelMatcher] = []
        var start = name?.offset ?? 0
        if name == nil { start = try peek().offset }
        if try peek().kind == .leftBrace {
            try take()
            matchers = try parseMatchers()
        }
        return VectorSelector(
            name: name.map { lexer.text($0) },
            matchers: matchers,
            range: SourceRange(start: start, end: lastEnd)
        )
    }

    /// label_match_list : label_match_list COMMA label_matcher | label_matcher ;
    /// label_matcher : IDENTIFIER match_op STRING | string_identifier match_op STRING | string_identifier ;
    private mutating func parseMatchers() throws(PromQLError) -> [LabelMatcher] {
        var matchers: [LabelMatcher] = []
        if try peek().kind == .rightBrace {
            try take()
            return matchers
        }
        while true {
            let label = try peek()
            switch label.kind {
            case .identifier:
                try take()
                let op = try peek()
                guard let matchOperator = Self.matchOperator(op.kind) else {
                    throw unexpected(op, "label matching", expected: "label matching operator")
                }
                try take()
                matchers.append(try parseMatcherValue(name: lexer.text(label), op: matchOperator, start: label.offset))
            case .string:
                try take()
                let name = unquote(label)
                if let matchOperator = Self.matchOperator(try peek().kind) {
                    try take()
                    matchers.append(try parseMatcherValue(name: name, op: matchOperator, start: label.offset))
                } else {
                    let range = SourceRange(start: label.offset, end: label.end)
                    matchers.append(LabelMatcher(name: "__name__", op: .equal, value: name, range: range))
                }
            default:
                throw unexpected(label, "label matching", expected: "identifier or \"}\"")
            }
            let separator = try peek()
            if separator.kind == .comma {
                try take()
                if try peek().kind == .rightBrace {
                    try take()
                    return matchers
                }
                continue
            }
            if separator.kind == .rightBrace {
                try take()
                return matchers
            }
            throw unexpected(separator, "label matching", expected: "\",\" or \"}\"")
        }
    }

    private static func matchOperator(_ kind: TokenKind) -> LabelMatcher.Operator? {
        switch kind {
        case .eql: return .equal
        case .neq: return .notEqual
        case .eqlRegex: return .regexMatch
        case .neqRegex: return .regexNoMatch
        default: return nil
        }
    }

    private mutating func parseMatcherValue(
        name: String,
        op: LabelMatcher.Operator,
        start: Int
    ) throws(PromQLError) -> LabelMatcher {
        let value = try peek()
        guard value.kind == .string else { throw unexpected(value, "label matching", expected: "string") }
        try take()
        let text = unquote(value)
        if op == .regexMatch || op == .regexNoMatch, case .failure(let failure) = LabelRegex.matchesEmpty(text) {
            throw error(failure.message, at: start)
        }
        return LabelMatcher(name: name, op: op, value: text, range: SourceRange(start: start, end: value.end))
    }

    private func unquote(_ token: RawToken) -> String {
        let utf8 = bytes[token.offset..<token.end]
        if !utf8.contains(UInt8(ascii: "\\")) || utf8.first == UInt8(ascii: "`") {
            return String(decoding: utf8.dropFirst().dropLast(), as: UTF8.self)
        }
        return GoQuote.unquote(Array(utf8))
    }

    // MARK: Literals and durations

    /// number_duration_literal : NUMBER | DURATION ; — the value in seconds.
    private func literalValue(_ token: RawToken) throws(PromQLError) -> Double {
        if token.kind == .duration {
            switch PromDuration.parse(utf8: bytes[token.offset..<token.end]) {
            case .success(let duration): return Double(duration.milliseconds) / 1000
            case .failure(let failure): throw error(failure.message, at: token.offset)
            }
        }
        switch GoNumber.parse(lexer.text(token)) {
        case .success(let value): return value
        case .failure(let failure): throw error("error parsing number: \(failure.message)", at: token.offset)
        }
    }

    private static let durationLimit = 9_223_372_036.854_775_807

    private static func milliseconds(_ seconds: Double) -> Int64 {
        let value = (seconds * 1000).rounded()
        guard value.isFinite, abs(value) < 9.2e18 else { return Int64.min }
        return Int64(value)
    }

    /// A range or step in milliseconds; a positive one shorter than a millisecond counts as one,
    /// so that it prints as a duration that parses back.
    private static func positiveMilliseconds(_ seconds: Double) -> Int64 {
        max(1, milliseconds(seconds))
    }

    private static func startsDurationExpression(_ kind: TokenKind) -> Bool {
        kind == .leftParen || kind == .step || kind == .range || kind == .min || kind == .max
    }

    /// offset_duration_expr / positive_duration_expr, for the literal forms Prometheus accepts without
    /// the `promql-duration-expr` feature: `5m`, `300`, `-5m`, `+1h`.
    private mutating func parseDurationLiteral(
        context: String,
        expected: String,
        positive: Bool
    ) throws(PromQLError) -> (seconds: Double, range: SourceRange) {
        let first = try peek()
        var sign = 1.0
        var literal = first
        if first.kind == .add || first.kind == .sub {
            try take()
            sign = first.kind == .sub ? -1 : 1
            literal = try peek()
        }
        if Self.startsDurationExpression(literal.kind) {
            throw error("experimental duration expression is not enabled", at: literal.offset)
        }
        guard literal.kind == .number || literal.kind == .duration else {
            throw unexpected(literal, context, expected: expected)
        }
        try take()
        let seconds = try literalValue(literal) * sign
        if seconds.isNaN || seconds > Self.durationLimit || seconds < -Self.durationLimit {
            throw error("duration out of range", at: first.offset)
        }
        if positive && seconds <= 0 { throw error("duration must be greater than 0", at: first.offset) }
        let next = try peek().kind
        if positive, next == .add || next == .sub || next == .mul || next == .div || next == .mod || next == .pow {
            throw error("experimental duration expression is not enabled", at: first.offset)
        }
        return (seconds, SourceRange(start: first.offset, end: literal.end))
    }

    // MARK: Modifiers

    /// The postfix forms, which bind tighter than any operator: `[range]`, `[range:step]`, `offset`, `@`.
    private mutating func parsePostfix(_ operand: Parsed) throws(PromQLError) -> Parsed {
        var parsed = operand
        while true {
            let token = try peek()
            switch token.kind {
            case .leftBracket:
                parsed = try parseRangeOrSubquery(parsed)
            case .offset:
                try take()
                parsed.expr = try parseOffset(parsed.expr)
                parsed.range.end = lastEnd
            case .at:
                try take()
                parsed.expr = try parseAt(parsed.expr)
                parsed.range.end = lastEnd
            case .anchored, .smoothed:
                try take()
                let name = token.kind == .anchored ? "anchored" : "smoothed"
                throw error("\(name) modifier is experimental and not enabled", at: parsed.range.start)
            default:
                return parsed
            }
        }
    }

    /// matrix_selector : expr LEFT_BRACKET positive_duration_expr RIGHT_BRACKET ;
    /// subquery_expr : expr LEFT_BRACKET positive_duration_expr COLON positive_duration_expr RIGHT_BRACKET
    ///               | expr LEFT_BRACKET positive_duration_expr COLON RIGHT_BRACKET ;
    private mutating func parseRangeOrSubquery(_ operand: Parsed) throws(PromQLError) -> Parsed {
        let open = try take()
        let range = try parseDurationLiteral(
            context: "subquery or range selector",
            expected: "number, duration, step(), or range()",
            positive: true
        )
        let duration = PromDuration(milliseconds: Self.positiveMilliseconds(range.seconds))
        let next = try peek()
        switch next.kind {
        case .rightBracket:
            try take()
            guard case .vectorSelector(let selector) = operand.expr else {
                throw error("ranges only allowed for vector selectors", at: open.offset)
            }
            if selector.offset != nil { throw error("no offset modifiers allowed before range", at: open.offset) }
            if selector.at != nil { throw error("no @ modifiers allowed before range", at: open.offset) }
            let matrix = MatrixSelector(
                selector: selector,
                duration: duration,
                durationRange: range.range,
                range: SourceRange(start: operand.range.start, end: next.end)
            )
            return Parsed(expr: .matrixSelector(matrix), height: operand.height, type: .matrix, range: matrix.range)
        case .colon:
            try take()
            var step: PromDuration?
            let stepToken = try peek()
            if stepToken.kind != .rightBracket {
                let value = try parseDurationLiteral(
                    context: "subquery selector",
                    expected: "number, duration, step(), range(), or \"]\"",
                    positive: true
                )
                step = PromDuration(milliseconds: Self.positiveMilliseconds(value.seconds))
                let close = try peek()
                guard close.kind == .rightBracket else {
                    throw unexpected(close, "subquery selector", expected: "\"]\"")
                }
            }
            let close = try take()
            let subquery = SubqueryExpr(
                expr: operand.expr,
                duration: duration,
                durationRange: range.range,
                step: step,
                range: SourceRange(start: operand.range.start, end: close.end)
            )
            return Parsed(expr: .subquery(subquery), height: operand.height + 1, type: .matrix, range: subquery.range)
        default:
            throw unexpected(next, "subquery or range", expected: "\":\" or \"]\"")
        }
    }

    /// offset_expr : expr OFFSET offset_duration_expr ;
    private mutating func parseOffset(_ operand: Expr) throws(PromQLError) -> Expr {
        let value = try parseDurationLiteral(
            context: "offset",
            expected: "number, duration, step(), or range()",
            positive: false
        )
        let milliseconds = Self.milliseconds(value.seconds)
        let offset = milliseconds == 0 ? nil : PromDuration(milliseconds: milliseconds)
        let start = operand.range.start
        let message =
            "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"
        switch operand {
        case .vectorSelector(var selector):
            if selector.offset != nil { throw error("offset may not be set multiple times", at: start) }
            selector.offset = offset
            selector.range.end = lastEnd
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.offset != nil { throw error("offset may not be set multiple times", at: start) }
            matrix.selector.offset = offset
            matrix.range.end = lastEnd
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != nil { throw error("offset may not be set multiple times", at: start) }
            subquery.offset = offset
            subquery.range.end = lastEnd
            return .subquery(subquery)
        default:
            throw error(message, at: start)
        }
    }

    /// step_invariant_expr : expr AT signed_or_unsigned_number | expr AT at_modifier_preprocessors LEFT_PAREN RIGHT_PAREN ;
    private mutating func parseAt(_ operand: Expr) throws(PromQLError) -> Expr {
        let token = try peek()
        var at: AtModifier
        switch token.kind {
        case .start, .end:
            try take()
            let open = try peek()
            guard open.kind == .leftParen else { throw unexpected(open, "@", expected: "timestamp") }
            try take()
            let close = try peek()
            guard close.kind == .rightParen else { throw unexpected(close, "@", expected: "timestamp") }
            try take()
            at = token.kind == .start ? .start : .end
        case .number, .duration, .add, .sub:
            var sign = 1.0
            var literal = token
            if token.kind == .add || token.kind == .sub {
                try take()
                sign = token.kind == .sub ? -1 : 1
                literal = try peek()
                guard literal.kind == .number || literal.kind == .duration else {
                    throw unexpected(literal, "@", expected: "timestamp")
                }
            }
            try take()
            let seconds = try literalValue(literal) * sign
            if !seconds.isFinite || seconds >= 9.223372036854775807e18 || seconds <= -9.223372036854775808e18 {
                let shown =
                    seconds.isNaN
                    ? "NaN" : (seconds.isInfinite ? (seconds > 0 ? "+Inf" : "-Inf") : String(format: "%f", seconds))
                throw error("timestamp out of bounds for @ modifier: \(shown)", at: operand.range.start)
            }
            at = .timestamp(milliseconds: Self.milliseconds(seconds))
        default:
            throw unexpected(token, "@", expected: "timestamp")
        }
        let start = operand.range.start
        let twice = "@ <timestamp> may not be set multiple times"
        switch operand {
        case .vectorSelector(var selector):
            if selector.at != nil { throw error(twice, at: start) }
            selector.at = at
            selector.range.end = lastEnd
            return .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.at != nil { throw error(twice, at: start) }
            matrix.selector.at = at
            matrix.range.end = lastEnd
            return .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil { throw error(twice, at: start) }
            subquery.at = at
            subquery.range.end = lastEnd
            return .subquery(subquery)
        default:
            throw error(
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                at: start
            )
        }
    }
}
