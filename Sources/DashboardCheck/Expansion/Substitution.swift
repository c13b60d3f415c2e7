/// One variable reference that expansion replaced, remembered so that rules can tell
/// `[$__rate_interval]` from a hard-coded `[5m]`.
public struct Substitution: Sendable, Equatable {
    /// The variable's name without `$` (`__rate_interval`, `job`).
    public var variable: String
    /// True for Grafana's built-ins (`$__rate_interval`, `$__interval`, `$__range`, ...).
    public var isBuiltin: Bool
    /// The UTF-8 offsets of the reference in the original query.
    public var originalRange: Range<Int>
    /// The UTF-8 offsets of the value in the expanded query.
    public var expandedRange: Range<Int>
    /// True when the dashboard gives the variable no usable value and the checker put a stand-in
    /// (`5m` in a range, the variable's name elsewhere).
    public var isPlaceholder: Bool

    /// Makes a substitution record.
    public init(
        variable: String,
        isBuiltin: Bool,
        originalRange: Range<Int>,
        expandedRange: Range<Int>,
        isPlaceholder: Bool = false
    ) {
        self.variable = variable
        self.isBuiltin = isBuiltin
        self.originalRange = originalRange
        self.expandedRange = expandedRange
        self.isPlaceholder = isPlaceholder
    }
}
