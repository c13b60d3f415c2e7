/// A JSON value read from a file, with the byte offset where it starts, so that findings can
/// name the line and column of a panel or an expression.
public struct JSONNode: Sendable {
    /// The value itself.
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        /// Members in written order (a later duplicate key wins on lookup, as in JavaScript).
        case object([(key: String, value: JSONNode)])
    }

    /// The value.
    public var value: Value
    /// The byte offset of the value's first character (the opening quote of a string).
    public var offset: Int

    /// Makes a node.
    public init(_ value: Value, offset: Int) {
        self.value = value
        self.offset = offset
    }

    /// The member named `key` of an object; nil for other values or a missing key.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        for member in members.reversed() where member.key == key { return member.value }
        return nil
    }

    /// The string, or nil when the value is not a string.
    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The number, or nil when the value is not a number.
    public var number: Double? {
        if case .number(let number) = value { return number }
        return nil
    }

    /// The boolean, or nil when the value is not a boolean.
    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The elements, or nil when the value is not an array.
    public var array: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The members, or nil when the value is not an object.
    public var members: [(key: String, value: JSONNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// True for an object.
    public var isObject: Bool {
        if case .object = value { return true }
        return false
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// A string, or a number written as text (Grafana exports ids and values both ways).
    public var text: String? {
        switch value {
        case .string(let text): return text
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
