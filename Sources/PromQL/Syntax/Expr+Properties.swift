extension Expr {
    /// The source range of the node.
    public var range: SourceRange {
        switch self {
        case .number(let node): return node.range
        case .string(let node): return node.range
        case .vectorSelector(let node): return node.range
        case .matrixSelector(let node): return node.range
        case .subquery(let node): return node.range
        case .call(let node): return node.range
        case .aggregate(let node): return node.range
        case .binary(let node): return node.range
        case .unary(let node): return node.range
        case .paren(let node): return node.range
        }
    }

    /// The type of the value the expression yields, as Prometheus's `Expr.Type()` computes it.
    public var type: ValueType {
        var node = self
        while true {
            switch node {
            case .number: return .scalar
            case .string: return .string
            case .vectorSelector, .aggregate: return .vector
            case .matrixSelector, .subquery: return .matrix
            case .call(let call): return PromQLFunction.named(call.function)?.returnType ?? .vector
            case .binary(let binary):
                return binary.lhs.type == .scalar && binary.rhs.type == .scalar ? .scalar : .vector
            case .unary(let unary): node = unary.expr
            case .paren(let paren): node = paren.expr
            }
        }
    }

    /// The direct subexpressions, in source order.
    public var children: [Expr] {
        switch self {
        case .number, .string, .vectorSelector: return []
        case .matrixSelector(let node): return [.vectorSelector(node.selector)]
        case .subquery(let node): return [node.expr]
        case .call(let node): return node.arguments
        case .aggregate(let node): return (node.parameter.map { [$0] } ?? []) + [node.expr]
        case .binary(let node): return [node.lhs, node.rhs]
        case .unary(let node): return [node.expr]
        case .paren(let node): return [node.expr]
        }
    }

    /// Visits every node depth-first, parents before children, with the chain of enclosing nodes
    /// (outermost first). A rule finds a selector's metric with `selector.metricName`, the functions
    /// around it in `ancestors`, and the grouping of enclosing aggregations there too.
    public func walk(_ visit: (_ node: Expr, _ ancestors: [Expr]) -> Void) {
        var ancestors: [Expr] = []
        walk(visit, ancestors: &ancestors)
    }

    private func walk(_ visit: (_ node: Expr, _ ancestors: [Expr]) -> Void, ancestors: inout [Expr]) {
        visit(self, ancestors)
        ancestors.append(self)
        for child in children { child.walk(visit, ancestors: &ancestors) }
        ancestors.removeLast()
    }

    /// Every instant selector in the tree (including those inside range selectors), in source order.
    public var vectorSelectors: [VectorSelector] {
        var selectors: [VectorSelector] = []
        walk { node, _ in
            if case .vectorSelector(let selector) = node { selectors.append(selector) }
        }
        return selectors
    }

    /// The expression with any number of enclosing parentheses removed.
    public var unparenthesized: Expr {
        var node = self
        while case .paren(let paren) = node { node = paren.expr }
        return node
    }
}
