import PromQL

/// The `promql` subcommand's work: one verdict per input line, as JSON or as text.
public enum PromQLLineChecker {
    /// The verdict on one line.
    public struct Verdict: Sendable, Equatable {
        /// True when the line is a valid expression.
        public var isValid: Bool
        /// The expression's type, when valid.
        public var type: ValueType?
        /// The error's message, when invalid.
        public var message: String?
        /// The error's offset, line and column in the line, when invalid.
        public var offset: Int
        public var line: Int
        public var column: Int
    }

    /// Parses and type-checks one line.
    public static func check(_ line: String) -> Verdict {
        do {
            let expr = try PromQLParser.parse(line)
            return Verdict(isValid: true, type: expr.type, message: nil, offset: 0, line: 0, column: 0)
        } catch {
            return Verdict(
                isValid: false,
                type: nil,
                message: error.message,
                offset: error.position.offset,
                line: error.position.line,
                column: error.position.column
            )
        }
    }

    /// `{"ok":true,"type":"vector"}` or `{"ok":false,"error":"...","line":1,"column":5}`.
    public static func json(_ verdict: Verdict) -> String {
        if verdict.isValid, let type = verdict.type {
            switch type {
            case .scalar: return #"{"ok":true,"type":"scalar"}"#
            case .vector: return #"{"ok":true,"type":"vector"}"#
            case .matrix: return #"{"ok":true,"type":"matrix"}"#
            case .string: return #"{"ok":true,"type":"string"}"#
            }
        }
        return "{\"ok\":false,\"error\":\(JSONText.quote(verdict.message ?? "invalid expression")),"
            + "\"line\":\(verdict.line),\"column\":\(verdict.column)}"
    }

    /// For people: `N: vector`, or `N:COLUMN: message` with the expression and a caret.
    public static func text(_ verdict: Verdict, expression: String, inputLine: Int) -> String {
        if verdict.isValid, let type = verdict.type { return "\(inputLine): ok, \(type.rawValue)" }
        var lines = ["\(inputLine):\(verdict.column): error: \(verdict.message ?? "invalid expression")"]
        lines.append(
            contentsOf: CaretRenderer.render(expression, range: verdict.offset..<(verdict.offset + 1), indent: "    ")
        )
        return lines.joined(separator: "\n")
    }
}
