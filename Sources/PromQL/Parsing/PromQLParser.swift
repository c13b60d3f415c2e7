/// Parses and type-checks PromQL as current Prometheus (3.x) does without feature flags.
public enum PromQLParser {
    /// The deepest expression tree accepted; deeper input is rejected with an error.
    public static let maximumDepth = ExpressionParser.maximumDepth

    /// Parses `input` into a type-checked expression tree.
    ///
    /// Syntax and type errors come out as Prometheus reports them (it also reports type errors as parse
    /// errors): the first error, with its message and the position of the offending token or node.
    public static func parse(_ input: String) throws(PromQLError) -> Expr {
        var parser = ExpressionParser(source: input)
        return try parser.parseTopLevel()
    }

    /// Parses `input` without the type checks of `parse(_:)`: only syntax errors are reported, and the tree
    /// may be ill-typed (`rate(x)`). For measuring the parser on its own; rules want `parse(_:)`.
    public static func parseSyntax(_ input: String) throws(PromQLError) -> Expr {
        var parser = ExpressionParser(source: input)
        return try parser.parseTopLevel(typeCheck: false)
    }
}
