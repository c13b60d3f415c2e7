/// A syntax or type error in a PromQL expression, worded as Prometheus words it.
public struct PromQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message without the position prefix, e.g. `unexpected end of input inside braces`.
    public var message: String
    /// Where the error is: the offending token, or the start of the offending node for type errors.
    public var position: SourcePosition

    /// Makes an error from a message and a position.
    public init(message: String, position: SourcePosition) {
        self.message = message
        self.position = position
    }

    /// `1:5: parse error: <message>`, as Prometheus prints it.
    public var description: String { "\(position): parse error: \(message)" }

    /// Renders the offending line of `source` with a caret under the error's column, then the message.
    ///
    ///     sum(rate(x[5m])
    ///                    ^
    ///     1:16: unclosed left parenthesis
    public func rendered(in source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = position.line - 1
        let text = index >= 0 && index < lines.count ? Array(lines[index].utf8) : []
        var caretPrefix = ""
        for (offset, byte) in text.enumerated() where offset < position.column - 1 {
            // Keep tabs so the caret lines up; count each character once (skip UTF-8 continuation bytes).
            if byte == UInt8(ascii: "\t") {
                caretPrefix += "\t"
            } else if byte & 0xC0 != 0x80 {
                caretPrefix += " "
            }
        }
        if position.column - 1 > text.count {
            caretPrefix += String(repeating: " ", count: position.column - 1 - text.count)
        }
        let line = String(decoding: text, as: UTF8.self)
        return "\(line)\n\(caretPrefix)^\n\(position): \(message)"
    }
}
