/// Type-checks a parsed tree as Prometheus's `checkAST` does, in the same order, so that the first error
/// reported is Prometheus's first error.
struct TypeChecker {
    let source: [UInt8]

    private func error(_ message: String, at offset: Int) -> PromQLError {
        PromQLError(
            message: message,
            position: SourcePosition(offset: offset, in: String(decoding: source, as: UTF8.self))
        )
    }

    /// The names Prometheus's messages use for types (`DocumentedType`).
    static func documented(_ type: ValueType) -> String {
        switch type {
        case .vector: return "instant vector"
        case .matrix: return "range vector"
        case .scalar: return "scalar"
        case .string: return "string"
        }
    }

    private func expect(_ node: Expr, _ want: ValueType, _ context: String) throws(PromQLError) {
        let type = try check(node)
        if type != want {
            throw error(
                "expected type \(Self.documented(want)) in \(context), got \(Self.documented(type))",
                at: node.range.start
            )
        }
    }

    /// Where the operator of a binary expression starts: the first non-space after the left operand.
    private func operatorOffset(_ binary: BinaryExpr) -> Int {
        var offset = binary.lhs.range.end
        while offset < source.count, [0x20, 0x09, 0x0A, 0x0D].contains(source[offset]) { offset += 1 }
        return offset
    }

    /// Checks `node` and its subtree; returns its type.
    @discardableResult
    func check(_ node: Expr) throws(PromQLError) -> ValueType {
        switch node {
        case .number:
            return .scalar
        case .string:
            return .string
        case .vectorSelector(let selector):
            try checkSelector(selector)
            return .vector
        case .matrixSelector(let matrix):
            try checkSelector(matrix.selector)
            return .matrix
        case .subquery(let subquery):
            let type = try check(subquery.expr)
            if type != .vector {
                throw error(
                    "subquery is only allowed on instant vector, got \(type.rawValue) instead",
                    at: subquery.range.start
                )
            }
            return .matrix
        case .paren(let paren):
            return try check(paren.expr)
        case .unary(let unary):
            let type = try check(unary.expr)
            if type != .scalar && type != .vector {
                throw error(
                    "unary expression only allowed on expressions of type scalar or instant vector, got \"\(Self.documented(type))\"",
                    at: unary.range.start
                )
            }
            return type
        case .aggregate(let aggregate):
            try expect(aggregate.expr, .vector, "aggregation expression")
            if let parameter = aggregate.parameter {
                let want: ValueType = aggregate.op == .countValues ? .string : .scalar
                try expect(parameter, want, "aggregation parameter")
            }
            return .vector
        case .call(let call):
            return try checkCall(call)
        case .binary(let binary):
            return try checkBinary(binary)
        }
    }

    private func checkSelector(_ selector: VectorSelector) throws(PromQLError) {
        if let name = selector.name {
            if let duplicate = selector.matchers.first(where: { $0.name == "__name__" }) {
                throw error(
                    "metric name must not be set twice: \(GoQuote.quote(name)) or \(GoQuote.quote(duplicate.value))",
                    at: selector.range.start
                )
            }
            return
        }
        if selector.matchers.allSatisfy(\.matchesEmpty) {
            throw error("vector selector must contain at least one non-empty matcher", at: selector.range.start)
        }
    }

    private func checkCall(_ call: Call) throws(PromQLError) -> ValueType {
        guard let function = PromQLFunction.named(call.function) else {
            throw error("unknown function with name \(GoQuote.quote(call.function))", at: call.range.start)
        }
        let count = call.arguments.count
        let declared = function.argumentTypes.count
        var name: String { GoQuote.quote(function.name) }
        if function.variadic == 0 {
            if declared != count {
                throw error("expected \(declared) argument(s) in call to \(name), got \(count)", at: call.range.start)
            }
        } else {
            let minimum = declared - 1
            if minimum > count {
                throw error(
                    "expected at least \(minimum) argument(s) in call to \(name), got \(count)",
                    at: call.range.start
                )
            } else if function.variadic > 0, minimum + function.variadic < count {
                throw error(
                    "expected at most \(minimum + function.variadic) argument(s) in call to \(name), got \(count)",
                    at: call.range.start
                )
            }
        }
        for (index, argument) in call.arguments.enumerated() {
            var slot = index
            if slot >= declared {
                if function.variadic == 0 { break }
                slot = declared - 1
            }
            let want = function.argumentTypes[slot]
            let type = try check(argument)
            if type != want {
                throw error(
                    "expected type \(Self.documented(want)) in call to function \(name), got \(Self.documented(type))",
                    at: argument.range.start
                )
            }
        }
        return function.returnType
    }

    private func checkBinary(_ binary: BinaryExpr) throws(PromQLError) -> ValueType {
        let lhsType = try check(binary.lhs)
        let rhsType = try check(binary.rhs)
        let op = binary.op
        if binary.returnBool && !op.isComparison {
            throw error("bool modifier can only be used on comparison operators", at: operatorOffset(binary))
        }
        if op.isComparison && !binary.returnBool && lhsType == .scalar && rhsType == .scalar {
            throw error("comparisons between scalars must use BOOL modifier", at: operatorOffset(binary))
        }
        if let matching = binary.matching, matching.on {
            for label in matching.matchingLabels where matching.include.contains(label) {
                throw error(
                    "label \(GoQuote.quote(label)) must not occur in ON and GROUP clause at once",
                    at: operatorOffset(binary)
                )
            }
        }
        if lhsType != .scalar && lhsType != .vector {
            throw error(
                "binary expression must contain only scalar and instant vector types",
                at: binary.lhs.range.start
            )
        }
        if rhsType != .scalar && rhsType != .vector {
            throw error(
                "binary expression must contain only scalar and instant vector types",
                at: binary.rhs.range.start
            )
        }
        if lhsType != .vector || rhsType != .vector {
            if let matching = binary.matching, !matching.matchingLabels.isEmpty {
                throw error("vector matching only allowed between instant vectors", at: binary.range.start)
            }
        } else if op.isSetOperator, let matching = binary.matching {
            if matching.cardinality == .oneToMany || matching.cardinality == .manyToOne {
                throw error("no grouping allowed for \"\(op.rawValue)\" operation", at: binary.range.start)
            }
            if matching.cardinality != .manyToMany {
                throw error("set operations must always be many-to-many", at: binary.range.start)
            }
        }
        if (lhsType == .scalar || rhsType == .scalar) && op.isSetOperator {
            throw error(
                "set operator \"\(op.rawValue)\" not allowed in binary scalar expression",
                at: binary.range.start
            )
        }
        return lhsType == .scalar && rhsType == .scalar ? .scalar : .vector
    }
}
