extension Array where Element == MetricFamily {
    /// Returns the family called `name`.
    public func family(named name: String) -> MetricFamily? {
        first { $0.name == name }
    }

    /// Returns every sample named `name`, in any family, whose labels include every pair in `labels`.
    ///
    /// `samples(named: "x_bucket")` finds the buckets of histogram `x`.
    public func samples(named name: String, matching labels: [String: String] = [:]) -> [Sample] {
        flatMap { $0.samples(named: name, matching: labels) }
    }

    /// Returns the value of the sample named `name`, in any family, whose labels are exactly `labels`.
    public func value(of name: String, labels: [String: String] = [:]) -> Double? {
        for family in self {
            if let value = family.value(of: name, labels: labels) { return value }
        }
        return nil
    }
}
