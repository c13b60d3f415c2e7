extension Expr: CustomStringConvertible {
    /// The canonical PromQL text of the expression, as `PromQLPrinter.print` writes it.
    public var description: String { PromQLPrinter.print(self) }
}
