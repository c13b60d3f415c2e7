/// One `key: value` pair of a YAML mapping.
public struct YAMLEntry: Sendable, Equatable {
    /// The key.
    public var key: String
    /// The value.
    public var value: YAMLValue

    /// Makes an entry.
    public init(key: String, value: YAMLValue) {
        self.key = key
        self.value = value
    }
}
