import PromQL

/// Walks a PromQL tree for the rules: every node with the chain of nodes above it.
///
/// A range selector is a leaf here: rules read its inner selector through `selector(in:)`.
public enum ExprTraversal {
    /// The direct sub-expressions of `expr`, in source order.
    public static func children(of expr: Expr) -> [Expr] {
        switch expr {
        case .number, .string, .vectorSelector, .matrixSelector: return []
        case .subquery(let subquery): return [subquery.expr]
        case .call(let call): return call.arguments
        case .aggregate(let aggregate):
            if let parameter = aggregate.parameter { return [parameter, aggregate.expr] }
            return [aggregate.expr]
        case .binary(let binary): return [binary.lhs, binary.rhs]
        case .unary(let unary): return [unary.expr]
        case .paren(let paren): return [paren.expr]
        }
    }

    /// Calls `visit` for `expr` and every node below it, depth first, with its ancestors
    /// (outermost first).
    public static func walk(_ expr: Expr, _ visit: (Expr, [Expr]) -> Void) {
        var ancestors: [Expr] = []
        walk(expr, ancestors: &ancestors, visit)
    }

    private static func walk(_ expr: Expr, ancestors: inout [Expr], _ visit: (Expr, [Expr]) -> Void) {
        visit(expr, ancestors)
        ancestors.append(expr)
        for child in children(of: expr) { walk(child, ancestors: &ancestors, visit) }
        ancestors.removeLast()
    }

    /// The instant selector of a vector or range selector node.
    public static func selector(in expr: Expr) -> VectorSelector? {
        switch expr {
        case .vectorSelector(let selector): return selector
        case .matrixSelector(let matrix): return matrix.selector
        default: return nil
        }
    }

    /// The metric name a selector selects: the name before the braces, else an `__name__="..."` matcher.
    public static func metricName(of selector: VectorSelector) -> String? {
        if let name = selector.name { return name }
        return selector.matchers.first { $0.name == "__name__" && $0.op == .equal }?.value
    }

    /// Where the selector's metric name was written: the name before the braces, else the
    /// `__name__` matcher (so that `x{job="$job"}` is not mistaken for a name from a variable).
    public static func nameRange(of selector: VectorSelector) -> SourceRange {
        if let name = selector.name {
            return SourceRange(start: selector.range.start, end: selector.range.start + name.utf8.count)
        }
        return selector.matchers.first { $0.name == "__name__" }?.range ?? selector.range
    }

    /// The function name when `expr` is a call.
    public static func functionName(of expr: Expr) -> String? {
        if case .call(let call) = expr { return call.function }
        return nil
    }
}
