extension Expr {
    /// Every instant selector of the tree with the functions, aggregations, subqueries and binary
    /// operations around it, in source order.
    public var selectorContexts: [SelectorContext] {
        var contexts: [SelectorContext] = []
        walk { node, ancestors in
            guard case .vectorSelector(let selector) = node else { return }
            var context = SelectorContext(selector: selector)
            for ancestor in ancestors.reversed() {
                switch ancestor {
                case .matrixSelector(let matrix) where context.range == nil && context.functions.isEmpty:
                    context.range = matrix
                case .call(let call): context.functions.append(call)
                case .aggregate(let aggregate): context.aggregations.append(aggregate)
                case .subquery(let subquery): context.subqueries.append(subquery)
                case .binary(let binary): context.binaryOperations.append(binary)
                default: break
                }
            }
            contexts.append(context)
        }
        return contexts
    }
}
