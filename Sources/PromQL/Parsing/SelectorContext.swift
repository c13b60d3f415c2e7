/// An instant selector together with what encloses it: what a dashboard rule asks of a query.
///
///     sum by (status) (rate(http_requests_total[5m]))
///
/// has one context: the selector `http_requests_total`, inside a range of 5m, the functions `["rate"]`,
/// and one enclosing aggregation, `sum by (status)`.
public struct SelectorContext: Hashable, Sendable {
    /// The selector.
    public var selector: VectorSelector
    /// The range when the selector is the inside of a range selector (`x[5m]`), else `nil`.
    public var range: MatrixSelector?
    /// The functions called around the selector, innermost first.
    public var functions: [Call]
    /// The aggregations around the selector, innermost first.
    public var aggregations: [AggregateExpr]
    /// The subqueries around the selector, innermost first.
    public var subqueries: [SubqueryExpr]
    /// The binary operations the selector is an operand of (directly or deeper down), innermost first.
    public var binaryOperations: [BinaryExpr]

    /// Makes a context.
    public init(
        selector: VectorSelector,
        range: MatrixSelector? = nil,
        functions: [Call] = [],
        aggregations: [AggregateExpr] = [],
        subqueries: [SubqueryExpr] = [],
        binaryOperations: [BinaryExpr] = []
    ) {
        self.selector = selector
        self.range = range
        self.functions = functions
        self.aggregations = aggregations
        self.subqueries = subqueries
        self.binaryOperations = binaryOperations
    }

    /// The metric the selector names, if it names one.
    public var metricName: String? { selector.metricName }

    /// The names of the enclosing functions, innermost first: `["rate"]`.
    public var functionNames: [String] { functions.map(\.function) }

    /// The labels kept by the innermost aggregation with a `by` clause, if any.
    public var groupingLabels: [String]? {
        aggregations.first { !$0.without }?.grouping
    }
}
