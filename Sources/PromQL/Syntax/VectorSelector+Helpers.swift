extension VectorSelector {
    /// The metric the selector names: the name before the braces, or the value of an `__name__="..."`
    /// matcher (`{"my.metric"}` and `{__name__="x"}` both name a metric). `nil` for a regex or no name.
    public var metricName: String? {
        if let name { return name }
        return matchers.first { $0.name == "__name__" && $0.op == .equal }?.value
    }

    /// The matcher on `label`, if any.
    public func matcher(for label: String) -> LabelMatcher? {
        matchers.first { $0.name == label }
    }
}
