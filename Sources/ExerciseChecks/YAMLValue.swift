/// A value of the YAML subset Prometheus rule files use: mappings, sequences and scalars, each with
/// the 1-based line it starts on.
public indirect enum YAMLValue: Sendable, Equatable {
    /// A string (quoted, plain or block); numbers and booleans stay text.
    case scalar(String, line: Int)
    /// A `- item` list.
    case sequence([YAMLValue], line: Int)
    /// `key: value` pairs, in written order.
    case mapping([YAMLEntry], line: Int)

    /// The line the value starts on.
    public var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): return line
        }
    }

    /// The value of `key` when this is a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    /// The text when this is a scalar.
    public var text: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The items when this is a sequence.
    public var items: [YAMLValue]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }
}
