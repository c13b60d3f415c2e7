/// Replaces Grafana variables in a query by values that keep it valid PromQL, and remembers
/// each replacement (see `ExpandedQuery`).
///
/// Dashboard variables take their current value, else their first option, else a placeholder
/// chosen for where the reference stands: a duration between brackets or after `offset`, the
/// raw text inside a string, an identifier elsewhere. Built-ins get typical values:
/// `$__rate_interval` 1m, `$__interval` 15s, `$__range` 6h, and their `_ms`/`_s` forms.
public struct VariableExpander: Sendable {
    private var values: [String: [String]] = [:]
    private let dashboardTitle: String

    /// The value of each built-in, by name.
    public static let builtins: [String: String] = [
        "__rate_interval": "1m", "__rate_interval_ms": "60000",
        "__interval": "15s", "__interval_ms": "15000",
        "__range": "6h", "__range_s": "21600", "__range_ms": "21600000",
        "__auto": "1m",
        "__from": "1700000000000", "__to": "1700021600000",
        "__org": "1", "__user": "admin",
    ]

    /// Prepares the values of `dashboard`'s variables.
    public init(dashboard: Dashboard) {
        dashboardTitle = dashboard.title
        for variable in dashboard.variables {
            var chosen = variable.currentValues.filter { !$0.isEmpty }
            if chosen.contains("$__all") || chosen.contains("All") && variable.allValue != nil {
                if let allValue = variable.allValue, !allValue.isEmpty {
                    chosen = [allValue]
                } else {
                    let options = variable.options.filter { $0 != "$__all" && !$0.isEmpty }
                    chosen = options.isEmpty ? [".*"] : options
                }
            }
            if chosen.isEmpty, let first = variable.options.first(where: { !$0.isEmpty && $0 != "$__all" }) {
                chosen = [first]
            }
            if chosen.isEmpty, variable.type == "constant" || variable.type == "textbox", let query = variable.query,
                !query.isEmpty
            {
                chosen = [query]
            }
            if variable.type == "interval" {
                // `auto` is computed by Grafana from the time range.
                chosen = chosen.map { $0 == "auto" || $0.hasPrefix("$__auto") ? "1m" : $0 }
            }
            values[variable.name] = chosen
        }
    }

    /// Expands `query`.
    public func expand(_ query: String) -> ExpandedQuery {
        let bytes = Array(query.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var substitutions: [Substitution] = []
        var quote: UInt8?
        var bracketDepth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\"), open != UInt8(ascii: "`"), index + 1 < bytes.count {
                    output.append(byte)
                    output.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == open {
                    quote = nil
                } else if let reference = VariableSyntax.reference(in: bytes, at: index) {
                    let found = value(of: reference, context: .string)
                    let value = (escape(found.text, quote: open), found.isPlaceholder)
                    append(reference, value: value, to: &output, substitutions: &substitutions)
                    index = reference.range.upperBound
                    continue
                }
                output.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"):
                quote = byte
            case UInt8(ascii: "#"):
                // A comment runs to the end of the line; variables in it do not matter.
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
                    output.append(bytes[index])
                    index += 1
                }
                continue
            case UInt8(ascii: "["):
                if let reference = VariableSyntax.reference(in: bytes, at: index), bytes[index + 1] == UInt8(ascii: "[")
                {
                    let context: Context = bracketDepth > 0 ? .duration : .expression
                    append(
                        reference,
                        value: value(of: reference, context: context),
                        to: &output,
                        substitutions: &substitutions
                    )
                    index = reference.range.upperBound
                    continue
                }
                bracketDepth += 1
            case UInt8(ascii: "]"):
                bracketDepth = max(0, bracketDepth - 1)
            case UInt8(ascii: "$"):
                if let reference = VariableSyntax.reference(in: bytes, at: index) {
                    let context: Context = bracketDepth > 0 || endsWithOffsetKeyword(output) ? .duration : .expression
                    append(
                        reference,
                        value: value(of: reference, context: context),
                        to: &output,
                        substitutions: &substitutions
                    )
                    index = reference.range.upperBound
                    continue
                }
            default:
                break
            }
            output.append(byte)
            index += 1
        }
        return ExpandedQuery(
            original: query,
            text: String(decoding: output, as: UTF8.self),
            substitutions: substitutions
        )
    }

    private enum Context {
        case string
        case duration
        case expression
    }

    private func append(
        _ reference: VariableSyntax.Reference,
        value: (text: String, isPlaceholder: Bool),
        to output: inout [UInt8],
        substitutions: inout [Substitution]
    ) {
        let start = output.count
        output.append(contentsOf: Array(value.text.utf8))
        substitutions.append(
            Substitution(
                variable: reference.name,
                isBuiltin: reference.name.hasPrefix("__"),
                originalRange: reference.range,
                expandedRange: start..<output.count,
                isPlaceholder: value.isPlaceholder
            )
        )
    }

    /// The value of a reference, and whether it is a stand-in for a variable without a usable value.
    private func value(of reference: VariableSyntax.Reference, context: Context) -> (text: String, isPlaceholder: Bool)
    {
        let name = reference.name
        if name.hasPrefix("__") {
            if name == "__dashboard" { return (context == .string ? dashboardTitle : "dashboard", false) }
            if name == "__from" || name == "__to", let format = reference.format, format.contains("seconds") {
                return (name == "__from" ? "1700000000" : "1700021600", false)
            }
            if name.hasPrefix("__auto_interval") { return ("1m", false) }
            if let value = Self.builtins[name] { return (value, false) }
            return (placeholder(for: name, context: context), true)
        }
        let chosen = values[name] ?? []
        guard !chosen.isEmpty else { return (placeholder(for: name, context: context), true) }
        let formatted = format(chosen, as: reference.format)
        if context == .duration, !isDurationLike(formatted) { return ("5m", true) }
        if context == .expression, formatted.isEmpty { return (placeholder(for: name, context: context), true) }
        return (formatted, false)
    }

    private func placeholder(for name: String, context: Context) -> String {
        switch context {
        case .duration: return "5m"
        case .string: return name
        case .expression:
            let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
            return cleaned.first?.isNumber ?? true ? "v_" + cleaned : cleaned
        }
    }

    /// Applies Grafana's formats (`${var:csv}`, `${var:regex}`, ...); multi-value variables
    /// default to a regex alternation, as the Prometheus datasource does.
    private func format(_ values: [String], as format: String?) -> String {
        switch format?.lowercased() {
        case "csv", "text": return values.joined(separator: ",")
        case "pipe": return values.joined(separator: "|")
        case "raw", "queryparam", "percentencode", "sqlstring", "date": return values.joined(separator: ",")
        case "regex":
            let escaped = values.map(escapeRegex)
            return escaped.count == 1 ? escaped[0] : "(" + escaped.joined(separator: "|") + ")"
        case "glob": return values.count == 1 ? values[0] : "{" + values.joined(separator: ",") + "}"
        case "json": return "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        case "doublequote": return values.map { "\"\($0)\"" }.joined(separator: ",")
        case "singlequote": return values.map { "'\($0)'" }.joined(separator: ",")
        default:
            if values.count == 1 { return values[0] }
            return "(" + values.map(escapeRegex).joined(separator: "|") + ")"
        }
    }

    private func escapeRegex(_ value: String) -> String {
        // Scalar by scalar: a character such as `"` followed by a combining mark is one Character,
        // which would not compare equal to `"` and would be left unescaped.
        var escaped = ""
        for scalar in value.unicodeScalars {
            if "\\^$.|?*+()[]{}".unicodeScalars.contains(scalar) { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return escaped
    }

    /// Escapes a value placed inside a PromQL string so that the string stays closed.
    private func escape(_ value: String, quote: UInt8) -> String {
        if quote == UInt8(ascii: "`") { return value.replacingAll("`", with: "") }
        var escaped = ""
        for scalar in value.unicodeScalars {
            if scalar == "\\" || scalar.value == UInt32(quote) { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return escaped
    }

    private func isDurationLike(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        return text.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z"))
                || $0 == UInt8(ascii: ":")
        }
    }

    private func endsWithOffsetKeyword(_ output: [UInt8]) -> Bool {
        var end = output.count
        while end > 0, output[end - 1] == UInt8(ascii: " ") || output[end - 1] == UInt8(ascii: "-") { end -= 1 }
        let keyword = Array("offset".utf8)
        guard end >= keyword.count, Array(output[(end - keyword.count)..<end]) == keyword else { return false }
        let before = end - keyword.count - 1
        guard before >= 0 else { return true }
        let byte = output[before]
        return !(byte.isASCIIIdentifier)
    }
}

extension UInt8 {
    fileprivate var isASCIIIdentifier: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: "_")
            || self == UInt8(ascii: ":")
    }
}

extension String {
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
