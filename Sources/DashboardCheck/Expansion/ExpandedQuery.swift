import PromQL

/// A query with its variables replaced by values that keep it valid PromQL, and the record of
/// what was replaced where.
public struct ExpandedQuery: Sendable {
    /// The query as written in the dashboard.
    public var original: String
    /// The query with every variable replaced.
    public var text: String
    /// What was replaced, in order.
    public var substitutions: [Substitution]

    /// Makes an expanded query.
    public init(original: String, text: String, substitutions: [Substitution]) {
        self.original = original
        self.text = text
        self.substitutions = substitutions
    }

    /// The UTF-8 offset in `original` that corresponds to `offset` in `text`
    /// (an offset inside a replaced value maps to the start of its reference).
    public func originalOffset(of offset: Int) -> Int {
        var shift = 0
        for substitution in substitutions {
            if offset < substitution.expandedRange.lowerBound { break }
            if offset < substitution.expandedRange.upperBound { return substitution.originalRange.lowerBound }
            shift = substitution.originalRange.upperBound - substitution.expandedRange.upperBound
        }
        return offset + shift
    }

    /// The UTF-8 range in `original` that corresponds to `range` in `text`.
    public func originalRange(of range: SourceRange) -> Range<Int> {
        let start = originalOffset(of: range.start)
        var end = range.end
        if let covering = substitutions.first(where: { $0.expandedRange.contains(max(range.end - 1, 0)) }) {
            end = covering.originalRange.upperBound
        } else {
            end = originalOffset(of: range.end)
        }
        return start..<max(start, end)
    }

    /// The substitution whose value covers exactly the text at `range` (as in `[$__rate_interval]`),
    /// or nil when that text was written literally.
    public func substitution(covering range: SourceRange) -> Substitution? {
        substitutions.first { $0.expandedRange.lowerBound <= range.start && range.end <= $0.expandedRange.upperBound }
    }

    /// A variable's value in words, for messages that must not pass it off as written text:
    /// "$interval is 5m on this dashboard", "$__rate_interval is checked as 1m" (Grafana sets it
    /// when the panel runs), "$interval has no value on this dashboard and is checked as 5m".
    public func describe(_ substitution: Substitution) -> String {
        let reference = originalText(of: substitution.originalRange)
        var value = expandedText(of: substitution.expandedRange)
        if value.isEmpty { value = "empty" }
        if substitution.isPlaceholder {
            return "\(reference) has no value on this dashboard and is checked as \(value)"
        }
        if substitution.isBuiltin { return "\(reference) is checked as \(value)" }
        return "\(reference) is \(value) on this dashboard"
    }

    /// `message` with, for each variable whose value it quotes but whose reference it does not,
    /// that variable in words ("... ($metric is http_requests_total on this dashboard)"): a message
    /// must not pass a value off as what the author wrote. Values the author also wrote literally
    /// in the query are left alone.
    public func annotating(_ message: String) -> String {
        guard !substitutions.isEmpty else { return message }
        let messageBytes = Array(message.utf8)
        let originalBytes = Array(original.utf8)
        let textBytes = Array(text.utf8)
        var notes: [String] = []
        for substitution in substitutions {
            let value = textBytes[clamped(substitution.expandedRange, textBytes.count)]
            let reference = originalBytes[clamped(substitution.originalRange, originalBytes.count)]
            guard value.count >= 2, Self.find(value, in: messageBytes, wholeToken: true),
                !Self.find(reference, in: messageBytes, wholeToken: false),
                !Self.find(value, in: originalBytes, wholeToken: true)
            else { continue }
            let note = describe(substitution)
            if !notes.contains(note) { notes.append(note) }
        }
        return notes.isEmpty ? message : message + " (" + notes.joined(separator: "; ") + ")"
    }

    private func clamped(_ range: Range<Int>, _ count: Int) -> Range<Int> {
        let lower = min(max(range.lowerBound, 0), count)
        return lower..<min(max(range.upperBound, lower), count)
    }

    /// True when `needle` occurs in `bytes`; with `wholeToken`, only where no identifier character
    /// touches it on either side.
    static func find(_ needle: ArraySlice<UInt8>, in bytes: [UInt8], wholeToken: Bool) -> Bool {
        guard let first = needle.first, let last = needle.last, bytes.count >= needle.count else { return false }
        func isIdentifier(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
        for start in 0...(bytes.count - needle.count)
        where bytes[start] == first && bytes[start..<(start + needle.count)].elementsEqual(needle) {
            guard wholeToken else { return true }
            let end = start + needle.count
            let before = start > 0 && isIdentifier(bytes[start - 1]) && isIdentifier(first)
            let after = end < bytes.count && isIdentifier(bytes[end]) && isIdentifier(last)
            if !before && !after { return true }
        }
        return false
    }

    /// The text of `original` in the UTF-8 range `range` (clamped to the text).
    public func originalText(of range: Range<Int>) -> String {
        Self.slice(original, range)
    }

    /// The text of `text` (the expansion) in the UTF-8 range `range` (clamped to the text).
    public func expandedText(of range: Range<Int>) -> String {
        Self.slice(text, range)
    }

    private static func slice(_ string: String, _ range: Range<Int>) -> String {
        let bytes = string.utf8
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        let start = bytes.index(bytes.startIndex, offsetBy: lower)
        let end = bytes.index(start, offsetBy: upper - lower)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
