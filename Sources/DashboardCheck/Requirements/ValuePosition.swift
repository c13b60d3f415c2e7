import PromQL

/// Whether a node's value reaches the panel unchanged: what stands above it in the query may
/// select, group or scale series, but not replace their values.
public enum ValuePosition {
    /// Aggregations whose result is one of the values, or their sum or mean.
    static let keepingAggregations: Set<AggregationOperator> = [.sum, .avg, .min, .max, .topk, .bottomk, .quantile]
    /// Functions that pass values through (they change labels or order).
    static let keepingFunctions: Set<String> = ["label_replace", "label_join", "sort", "sort_desc", "sort_by_label"]

    /// Why the value of the last node of `path` (`ancestors` outermost first, then the node) does not
    /// reach the panel as it is, or nil when it does.
    public static func problem(ancestors: [Expr], node: Expr) -> String? {
        let chain = ancestors + [node]
        for index in ancestors.indices {
            if let problem = problem(parent: chain[index], child: chain[index + 1]) { return problem }
        }
        return nil
    }

    private static func problem(parent: Expr, child: Expr) -> String? {
        switch parent {
        case .paren:
            return nil
        case .aggregate(let aggregate):
            if keepingAggregations.contains(aggregate.op) { return nil }
            return "\(aggregate.op.rawValue)(...) replaces the values by \(aggregateMeaning(aggregate.op))"
        case .call(let call):
            if keepingFunctions.contains(call.function) { return nil }
            return "\(call.function)(...) changes the value"
        case .unary(let unary):
            return unary.op == .plus ? nil : "the minus sign changes the value"
        case .subquery:
            return "a subquery over it changes what is shown"
        case .binary(let binary):
            return problem(binary, child: child)
        case .number, .string, .vectorSelector, .matrixSelector:
            return nil
        }
    }

    private static func problem(_ binary: BinaryExpr, child: Expr) -> String? {
        let childIsLeft = binary.lhs == child
        let other = childIsLeft ? binary.rhs : binary.lhs
        if binary.op.isSetOperator {
            if binary.op == .or || childIsLeft { return nil }
            return "it is on the right of \(binary.op.rawValue), which only filters the left side"
        }
        if binary.op.isComparison {
            return "the comparison \(binary.op.rawValue)\(binary.returnBool ? " bool" : "") "
                + (binary.returnBool ? "replaces the values by 0 or 1" : "hides the values that do not pass it")
        }
        if case .number(let number) = other.unparenthesized {
            switch binary.op {
            case .multiply where number.value > 0, .divide where number.value > 0 && childIsLeft:
                return nil
            case .multiply where number.value == 0:
                return "multiplying by 0 always shows 0"
            default:
                return "\(binary.op.rawValue) \(number.value.formatted) changes the value"
            }
        }
        return "\(binary.op.rawValue) combines it with another query, so the panel no longer shows it as it is"
    }

    private static func aggregateMeaning(_ op: AggregationOperator) -> String {
        switch op {
        case .count, .countValues: return "a count of series"
        case .group: return "1"
        default: return "a spread of the values"
        }
    }
}

extension Double {
    /// `60` rather than `60.0`.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
