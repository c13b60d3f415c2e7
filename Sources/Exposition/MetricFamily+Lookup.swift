extension MetricFamily {
    /// Returns the samples named `name` (any name when nil) whose labels include every pair in `labels`.
    public func samples(named name: String? = nil, matching labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in
            (name == nil || sample.name == name) && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// Returns the value of the sample named `name` (the family's own name when nil) whose labels are exactly `labels`.
    public func value(of name: String? = nil, labels: [String: String] = [:]) -> Double? {
        let wanted = name ?? self.name
        return samples.first { $0.name == wanted && $0.labels == labels }?.value
    }
}
