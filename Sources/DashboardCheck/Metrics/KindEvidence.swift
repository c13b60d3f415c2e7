/// A series kind and what it rests on: a declared type (an exposition, Prometheus's metadata, a
/// metric catalog file) or only the series' name.
public struct KindEvidence: Sendable, Equatable {
    /// What the kind rests on.
    public enum Basis: Sendable, Equatable {
        /// A declared type, read from the named place (`--metrics app.metrics`).
        case declared(source: String)
        /// The name alone, for the given reason (`the _total suffix`).
        case name(reason: String)
    }

    /// The series kind.
    public var kind: SeriesKind
    /// What the kind rests on.
    public var basis: Basis

    /// Makes evidence.
    public init(kind: SeriesKind, basis: Basis) {
        self.kind = kind
        self.basis = basis
    }

    /// True when the kind was declared, not guessed from the name.
    public var isDeclared: Bool {
        if case .declared = basis { return true }
        return false
    }
}
