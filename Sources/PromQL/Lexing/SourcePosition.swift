/// A place in PromQL source: byte offset, and the 1-based line and column Prometheus reports.
///
/// Columns count bytes from the start of the line, as Prometheus's `line:column` prefix does.
public struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    /// The byte offset from the start of the input.
    public var offset: Int
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in bytes.
    public var column: Int

    /// Makes a position from its three parts.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Computes line and column of a byte offset into `source`.
    public init(offset: Int, in source: String) {
        let bytes = source.utf8
        let clamped = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = 0
        var index = 0
        for byte in bytes.prefix(clamped) {
            index += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = index
            }
        }
        self.init(offset: clamped, line: line, column: clamped - lineStart + 1)
    }

    /// `line:column`, as Prometheus prefixes its messages.
    public var description: String { "\(line):\(column)" }
}
