extension LabelMatcher {
    private static let regexSyntax: Set<UInt8> = Set("\\.+*?()|[]{}^$".utf8)

    /// True when the matcher accepts a series that lacks the label (an empty value), as Prometheus's
    /// `Matcher.Matches("")` decides; regexes are fully anchored. An invalid regex counts as matching.
    public var matchesEmpty: Bool {
        switch op {
        case .equal: return value.isEmpty
        case .notEqual: return !value.isEmpty
        case .regexMatch, .regexNoMatch:
            if !value.utf8.contains(where: { Self.regexSyntax.contains($0) }) {
                // A literal: matches the empty string only when it is empty.
                return op == .regexMatch ? value.isEmpty : !value.isEmpty
            }
            guard case .success(let nullable) = LabelRegex.matchesEmpty(value) else { return true }
            return op == .regexMatch ? nullable : !nullable
        }
    }
}
