import Foundation

/// Reads the block-style YAML subset Prometheus rule files are written in: nested mappings and
/// `- ` sequences by indentation, plain, single- and double-quoted scalars, plain scalars continued on
/// more-indented lines, `|` and `>` block scalars, and `#` comments. Flow collections (`{a: b}`,
/// `[a]`) are kept as scalar text; anchors, tags and multiple documents are not supported.
public enum YAMLSubsetReader {
    private struct Line {
        var number: Int
        var indent: Int
        var text: String
    }

    /// Parses `text`; errors name the line.
    public static func parse(_ text: String) throws(YAMLReadError) -> YAMLValue {
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("\t") {
                throw YAMLReadError(line: index + 1, message: "tabs cannot indent YAML; use spaces")
            }
            if line == "---" && lines.isEmpty { continue }
            let indent = line.prefix { $0 == " " }.count
            lines.append(Line(number: index + 1, indent: indent, text: String(line.dropFirst(indent))))
        }
        var reader = Reader(lines: lines)
        reader.skipBlank()
        guard let first = reader.current else { return .mapping([], line: 1) }
        let value = try reader.block(indent: first.indent)
        reader.skipBlank()
        if let extra = reader.current {
            throw YAMLReadError(line: extra.number, message: "unexpected indentation")
        }
        return value
    }

    private struct Reader {
        var lines: [Line]
        var index = 0

        var current: Line? { index < lines.count ? lines[index] : nil }

        /// Skips blank and comment-only lines.
        mutating func skipBlank() {
            while let line = current, Self.stripComment(line.text).isEmpty { index += 1 }
        }

        /// block: a sequence or a mapping whose lines start at `indent`.
        mutating func block(indent: Int) throws(YAMLReadError) -> YAMLValue {
            skipBlank()
            guard let line = current else { return .scalar("", line: lines.last?.number ?? 1) }
            if Self.isSequenceItem(line.text) { return try sequence(indent: indent) }
            return try mapping(indent: indent)
        }

        /// sequence: `- item` lines at `indent`.
        mutating func sequence(indent: Int) throws(YAMLReadError) -> YAMLValue {
            var items: [YAMLValue] = []
            let start = current?.number ?? 1
            while true {
                skipBlank()
                guard let line = current, line.indent == indent, Self.isSequenceItem(line.text) else { break }
                let rest = String(line.text.dropFirst(1))
                let spaces = rest.prefix { $0 == " " }.count
                let content = String(rest.dropFirst(spaces))
                if Self.stripComment(content).isEmpty {
                    index += 1
                    skipBlank()
                    guard let next = current, next.indent > indent else {
                        items.append(.scalar("", line: line.number))
                        continue
                    }
                    items.append(try block(indent: next.indent))
                } else {
                    // The item's content becomes a line of its own, indented where it starts.
                    lines[index] = Line(number: line.number, indent: indent + 1 + spaces, text: content)
                    items.append(try block(indent: indent + 1 + spaces))
                }
            }
            return .sequence(items, line: start)
        }

        /// mapping: `key: value` lines at `indent`.
        mutating func mapping(indent: Int) throws(YAMLReadError) -> YAMLValue {
            var entries: [YAMLEntry] = []
            let start = current?.number ?? 1
            while true {
                skipBlank()
                guard let line = current, line.indent == indent, !Self.isSequenceItem(line.text) else {
                    if let line = current, line.indent > indent {
                        throw YAMLReadError(line: line.number, message: "unexpected indentation")
                    }
                    break
                }
                guard let (key, valueText) = Self.splitKey(line.text) else {
                    throw YAMLReadError(line: line.number, message: "expected 'key: value'")
                }
                if entries.contains(where: { $0.key == key }) {
                    throw YAMLReadError(line: line.number, message: "the key '\(key)' appears twice")
                }
                index += 1
                let value = Self.stripComment(valueText)
                if value.isEmpty {
                    skipBlank()
                    if let next = current,
                        next.indent > indent || (next.indent == indent && Self.isSequenceItem(next.text))
                    {
                        entries.append(YAMLEntry(key: key, value: try block(indent: next.indent)))
                    } else {
                        entries.append(YAMLEntry(key: key, value: .scalar("", line: line.number)))
                    }
                } else if value.hasPrefix("|") || value.hasPrefix(">") {
                    entries.append(
                        YAMLEntry(key: key, value: blockScalar(header: value, indent: indent, line: line.number))
                    )
                } else {
                    var text = try Self.scalar(value, line: line.number)
                    // A plain scalar may continue on more-indented lines.
                    if !value.hasPrefix("\""), !value.hasPrefix("'") {
                        while let next = current, next.indent > indent, !Self.stripComment(next.text).isEmpty {
                            text += " " + Self.stripComment(next.text)
                            index += 1
                        }
                    }
                    entries.append(YAMLEntry(key: key, value: .scalar(text, line: line.number)))
                }
            }
            return .mapping(entries, line: start)
        }

        /// A `|` (literal) or `>` (folded) block scalar: the following lines indented more than the key.
        mutating func blockScalar(header: String, indent: Int, line: Int) -> YAMLValue {
            var body: [Line] = []
            while let next = current, next.text.isEmpty || next.indent > indent {
                body.append(next)
                index += 1
            }
            while let last = body.last, last.text.isEmpty { body.removeLast() }
            let base = body.first { !$0.text.isEmpty }?.indent ?? indent + 1
            let texts = body.map {
                $0.text.isEmpty ? "" : String(repeating: " ", count: max(0, $0.indent - base)) + $0.text
            }
            var text = header.hasPrefix("|") ? texts.joined(separator: "\n") : texts.joined(separator: " ")
            if !header.contains("-") { text += "\n" }
            return .scalar(text, line: line)
        }

        static func isSequenceItem(_ text: String) -> Bool {
            text == "-" || text.hasPrefix("- ")
        }

        /// Splits `key: value` at the first `: ` (or a final `:`) outside quotes.
        static func splitKey(_ text: String) -> (String, String)? {
            let characters = Array(text)
            var quote: Character?
            for (offset, character) in characters.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                if (character == "\"" || character == "'") && offset == 0 {
                    quote = character
                    continue
                }
                if character == ":" && (offset + 1 == characters.count || characters[offset + 1] == " ") {
                    var key = String(characters[..<offset]).trimmingSpaces()
                    if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
                        key = String(key.dropFirst().dropLast())
                    }
                    guard !key.isEmpty else { return nil }
                    return (key, String(characters[(offset + 1)...]).trimmingSpaces())
                }
                if character == "#" && offset > 0 && characters[offset - 1] == " " { return nil }
            }
            return nil
        }

        /// The text before a `#` comment that is outside quotes and after a space.
        static func stripComment(_ text: String) -> String {
            let characters = Array(text)
            var quote: Character?
            for (offset, character) in characters.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                if (character == "\"" || character == "'") && (offset == 0 || characters[offset - 1] == " ") {
                    quote = character
                } else if character == "#" && (offset == 0 || characters[offset - 1] == " ") {
                    return String(characters[..<offset]).trimmingSpaces()
                }
            }
            return text.trimmingSpaces()
        }

        /// A scalar written on one line: double-quoted (with escapes), single-quoted or plain.
        static func scalar(_ text: String, line: Int) throws(YAMLReadError) -> String {
            if text.hasPrefix("\"") {
                var result = ""
                var escaped = false
                for character in text.dropFirst() {
                    if escaped {
                        switch character {
                        case "n": result.append("\n")
                        case "t": result.append("\t")
                        default: result.append(character)
                        }
                        escaped = false
                    } else if character == "\\" {
                        escaped = true
                    } else if character == "\"" {
                        return result
                    } else {
                        result.append(character)
                    }
                }
                throw YAMLReadError(line: line, message: "a double-quoted string is not closed")
            }
            if text.hasPrefix("'") {
                let body = text.dropFirst()
                guard let close = body.lastIndex(of: "'") else {
                    throw YAMLReadError(line: line, message: "a single-quoted string is not closed")
                }
                return String(body[..<close]).replacingOccurrences(of: "''", with: "'")
            }
            return text
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
