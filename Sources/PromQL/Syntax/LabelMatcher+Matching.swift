extension LabelMatcher {
    /// True when the matcher accepts a series that lacks the label (an empty value), as Prometheus's
    /// `Matcher.Matches("")` decides; regexes are fully anchored. An invalid regex counts as matching.
    public var matchesEmpty: Bool {
        switch op {
        case .equal: return value.isEmpty
        case .notEqual: return !value.isEmpty
        case .regexMatch, .regexNoMatch:
            guard case .success(let nullable) = LabelRegex.matchesEmpty(value) else { return true }
            return op == .regexMatch ? nullable : !nullable
        }
    }
}
