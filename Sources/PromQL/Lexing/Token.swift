/// One lexical item of PromQL, with the byte range it was read from.
public struct Token: Hashable, Sendable {
    /// What kind of item this is.
    public var kind: TokenKind
    /// The exact source text of the item (for an error item, the message).
    public var text: String
    /// The byte offset of the first character.
    public var offset: Int
    /// The byte offset just past the last character.
    public var end: Int

    /// Makes a token.
    public init(kind: TokenKind, text: String, offset: Int, end: Int) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.end = end
    }

    /// How Prometheus names this item in `unexpected ...` messages: `<op:+>`, `identifier "x"`, `end of input`.
    public var description: String {
        switch kind {
        case .eof: return "end of input"
        case .error: return text
        case .identifier: return "identifier \(GoQuote.quote(text))"
        case .metricIdentifier: return "metric identifier \(GoQuote.quote(text))"
        case .string, .number, .duration, .comment:
            let name: String
            switch kind {
            case .string: name = "string"
            case .number: name = "number"
            case .duration: name = "duration"
            default: name = "comment"
            }
            let scalars = Array(text.unicodeScalars)
            if scalars.count > 10 {
                var head = String.UnicodeScalarView()
                head.append(contentsOf: scalars[0..<10])
                return "\(name) \(GoQuote.quote(String(head)))..."
            }
            return "\(name) \(GoQuote.quote(text))"
        default:
            if kind.isKeyword { return "<\(text)>" }
            if kind.isOperator { return "<op:\(text)>" }
            if kind.isAggregator { return "<aggr:\(text)>" }
            return GoQuote.quote(text)
        }
    }
}
