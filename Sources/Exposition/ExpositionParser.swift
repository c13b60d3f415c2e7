/// Parses the Prometheus text exposition format, version 0.0.4, into metric families.
///
/// The grammar, one rule per line of input (`blank` is a space or a tab):
///
/// ```
/// line       = blank* ( comment / help / type / sample )? blank*
/// help       = "#" blank* "HELP" blank+ metric_name ( blank+ docstring )?
/// type       = "#" blank* "TYPE" blank+ metric_name blank+ ( "counter" / "gauge" / "histogram" / "summary" / "untyped" )
/// comment    = "#" anything            ; any other line starting with "#"
/// sample     = metric_name blank* ( "{" label_list? "}" )? blank* value ( blank+ timestamp )?
/// label_list = label ( "," label )* ","?
/// label      = blank* label_name blank* "=" blank* '"' label_value '"' blank*
/// metric_name = [a-zA-Z_:][a-zA-Z0-9_:]*
/// label_name  = [a-zA-Z_][a-zA-Z0-9_]*
/// value      = a float, or "+Inf" / "-Inf" / "NaN"
/// timestamp  = an integer number of milliseconds, possibly negative
/// ```
///
/// `docstring` escapes `\\` and `\n`; `label_value` escapes `\\`, `\"` and `\n`. Samples named
/// `x_bucket`, `x_sum` and `x_count` belong to a histogram `x`, and `x{quantile=...}`, `x_sum` and
/// `x_count` to a summary `x`. Families come back in the order they first appear.
public enum ExpositionParser {
    /// Parses `text`; throws the first error with its line and column.
    public static func parse(_ text: String) throws(ExpositionError) -> [MetricFamily] {
        var table = FamilyTable()
        var lineNumber = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var scanner = LineScanner(bytes: Array(line), line: lineNumber)
            try parseLine(&scanner, into: &table)
        }
        return table.families
    }

    /// `line = blank* ( comment / help / type / sample )? blank*`
    private static func parseLine(_ scanner: inout LineScanner, into table: inout FamilyTable) throws(ExpositionError) {
        scanner.skipBlanks()
        guard let first = scanner.current else { return }
        if first == .hash {
            try parseComment(&scanner, into: &table)
        } else {
            try parseSample(&scanner, into: &table)
        }
    }

    /// `help = "#" blank* "HELP" blank+ metric_name ( blank+ docstring )?`,
    /// `type = "#" blank* "TYPE" blank+ metric_name blank+ type_name`, `comment = "#" anything`.
    private static func parseComment(
        _ scanner: inout LineScanner,
        into table: inout FamilyTable
    ) throws(ExpositionError) {
        scanner.index += 1
        scanner.skipBlanks()
        let keyword = scanner.readToken()
        guard keyword == "HELP" || keyword == "TYPE" else { return }
        guard scanner.skipBlanks() else {
            throw scanner.error("expected a metric name after \(keyword)")
        }
        let nameStart = scanner.index
        guard let name = scanner.readMetricName() else {
            throw scanner.error("expected a metric name after \(keyword), found \(scanner.currentDescription)")
        }
        if let byte = scanner.current, byte != .space, byte != .tab {
            throw scanner.error("unexpected \(scanner.currentDescription) in metric name '\(name)'")
        }
        if keyword == "HELP" {
            scanner.skipBlanks()
            let help = try readEscaped(&scanner, until: nil, allowed: [.backslash, UInt8(ascii: "n"), .quote])
            if let problem = table.declareHelp(help, of: name) { throw scanner.error(problem, at: nameStart) }
            return
        }
        scanner.skipBlanks()
        let typeStart = scanner.index
        let typeName = scanner.readToken()
        guard !typeName.isEmpty else { throw scanner.error("expected a metric type after the name '\(name)'") }
        guard let type = MetricType(rawValue: typeName) else {
            throw scanner.error(
                "unknown metric type '\(typeName)' (expected counter, gauge, histogram, summary or untyped)",
                at: typeStart
            )
        }
        scanner.skipBlanks()
        guard scanner.isAtEnd else { throw scanner.error("unexpected text after the metric type") }
        if let problem = table.declareType(type, of: name) { throw scanner.error(problem, at: nameStart) }
    }

    /// `sample = metric_name blank* ( "{" label_list? "}" )? blank* value ( blank+ timestamp )?`
    private static func parseSample(_ scanner: inout LineScanner, into table: inout FamilyTable) throws(ExpositionError)
    {
        let start = scanner.index
        guard let name = scanner.readMetricName() else {
            throw scanner.error("expected a metric name, found \(scanner.currentDescription)")
        }
        var labels: [String: String] = [:]
        let blankAfterName = scanner.skipBlanks()
        if scanner.current == .openBrace {
            scanner.index += 1
            labels = try parseLabels(&scanner)
            scanner.skipBlanks()
        } else if !blankAfterName {
            if scanner.isAtEnd { throw scanner.error("expected a value after the metric name '\(name)'") }
            throw scanner.error("unexpected \(scanner.currentDescription) in metric name '\(name)'")
        }
        let valueStart = scanner.index
        let valueText = scanner.readToken()
        guard !valueText.isEmpty else { throw scanner.error("expected a value for '\(name)'") }
        guard let value = parseFloat(valueText) else {
            throw scanner.error("invalid value '\(valueText)' for '\(name)'", at: valueStart)
        }
        var timestamp: Int64?
        scanner.skipBlanks()
        if !scanner.isAtEnd {
            let timestampStart = scanner.index
            let timestampText = scanner.readToken()
            guard let parsed = Int64(timestampText) else {
                throw scanner.error("invalid timestamp '\(timestampText)' for '\(name)'", at: timestampStart)
            }
            timestamp = parsed
            scanner.skipBlanks()
            guard scanner.isAtEnd else { throw scanner.error("unexpected text after the timestamp") }
        }
        let sample = Sample(name: name, labels: labels, value: value, timestamp: timestamp)
        if let problem = table.add(sample) { throw scanner.error(problem, at: start) }
    }

    /// `label_list = label ( "," label )* ","? "}"`, with `label = blank* label_name blank* "=" blank* '"' label_value '"' blank*`.
    private static func parseLabels(_ scanner: inout LineScanner) throws(ExpositionError) -> [String: String] {
        var labels: [String: String] = [:]
        while true {
            scanner.skipBlanks()
            if scanner.current == .closeBrace {
                scanner.index += 1
                return labels
            }
            let nameStart = scanner.index
            guard let labelName = scanner.readLabelName() else {
                if scanner.isAtEnd { throw scanner.error("unterminated label set: expected '}'") }
                throw scanner.error("expected a label name or '}', found \(scanner.currentDescription)")
            }
            scanner.skipBlanks()
            guard scanner.current == .equals else {
                throw scanner.error(
                    "expected '=' after the label name '\(labelName)', found \(scanner.currentDescription)"
                )
            }
            scanner.index += 1
            scanner.skipBlanks()
            guard scanner.current == .quote else {
                throw scanner.error(
                    "expected '\"' to open the value of label '\(labelName)', found \(scanner.currentDescription)"
                )
            }
            scanner.index += 1
            let value = try readEscaped(&scanner, until: .quote, allowed: [.backslash, UInt8(ascii: "n"), .quote])
            if labels.updateValue(value, forKey: labelName) != nil {
                throw scanner.error("duplicate label name '\(labelName)'", at: nameStart)
            }
            scanner.skipBlanks()
            switch scanner.current {
            case .comma?:
                scanner.index += 1
            case .closeBrace?:
                scanner.index += 1
                return labels
            default:
                if scanner.isAtEnd { throw scanner.error("unterminated label set: expected ',' or '}'") }
                throw scanner.error(
                    "expected ',' or '}' after the value of label '\(labelName)', found \(scanner.currentDescription)"
                )
            }
        }
    }

    /// Reads escaped text up to `terminator` (consumed) or, when nil, up to the end of the line.
    ///
    /// `allowed` lists the bytes that may follow a backslash: `\\`, `\n` and `\"`.
    private static func readEscaped(
        _ scanner: inout LineScanner,
        until terminator: UInt8?,
        allowed: Set<UInt8>
    ) throws(ExpositionError) -> String {
        var text: [UInt8] = []
        while let byte = scanner.current {
            if byte == terminator {
                scanner.index += 1
                return String(decoding: text, as: UTF8.self)
            }
            if byte == .backslash {
                let escapeStart = scanner.index
                scanner.index += 1
                guard let escaped = scanner.current, allowed.contains(escaped) else {
                    let shown = scanner.current.map { Character(Unicode.Scalar($0)) }.map { "\\\($0)" } ?? "\\"
                    throw scanner.error("invalid escape sequence '\(shown)'", at: escapeStart)
                }
                text.append(escaped == UInt8(ascii: "n") ? UInt8(ascii: "\n") : escaped)
            } else {
                text.append(byte)
            }
            scanner.index += 1
        }
        if terminator != nil { throw scanner.error("unterminated label value: expected a closing '\"'") }
        return String(decoding: text, as: UTF8.self)
    }

    /// Parses a sample value: a decimal float (`1`, `-0.5`, `1.5e-3`), or `+Inf`, `-Inf`, `Inf`, `NaN`
    /// in any letter case; returns nil for anything else.
    public static func parseFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case "+inf", "inf": return .infinity
        case "-inf": return -.infinity
        case "nan": return .nan
        default: break
        }
        let allowed: Set<Character> = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", "e", "E", "+", "-"]
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }) else { return nil }
        return Double(text)
    }
}
