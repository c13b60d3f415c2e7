/// Shows where in an expression a finding points: the expression's line, and a caret under the
/// position with tildes under the rest of the range.
public enum CaretRenderer {
    /// Two lines (the expression's line, the caret line), each prefixed with `indent`.
    public static func render(_ expression: String, range: Range<Int>, indent: String = "    ") -> [String] {
        let bytes = Array(expression.utf8)
        let start = min(max(0, range.lowerBound), bytes.count)
        var lineStart = start
        while lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = start
        while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        var caret = ""
        // Keep tabs so the caret lines up under tab-indented text.
        for character in String(decoding: bytes[lineStart..<start], as: UTF8.self) {
            caret.append(character == "\t" ? "\t" : " ")
        }
        caret += "^"
        let end = min(max(range.upperBound, start), lineEnd)
        if end > start + 1 {
            let width = String(decoding: bytes[(start + 1)..<end], as: UTF8.self).count
            caret += String(repeating: "~", count: width)
        }
        return [indent + line, indent + caret]
    }
}
