/// A configuration value that cannot be used, with the variable (and option) it came from.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable the setting is named after, such as `HTTP_PORT`.
    public var variable: String
    /// The command-line option, when the value came from it, such as `--http-port`.
    public var option: String?
    /// The value as given.
    public var value: String
    /// What a valid value looks like, such as `a port number from 1 to 65535`.
    public var expected: String

    /// Makes an error for `value` of `variable` (given through `option`, when it was).
    public init(variable: String, option: String? = nil, value: String, expected: String) {
        self.variable = variable
        self.option = option
        self.value = value
        self.expected = expected
    }

    /// One line naming the variable: `HTTP_PORT must be a port number from 1 to 65535, got 'abc'`.
    public var description: String {
        let source = option.map { "\($0) (\(variable))" } ?? variable
        return "\(source) must be \(expected), got '\(value)'"
    }
}
