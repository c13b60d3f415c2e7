/// The identity of one span in W3C Trace Context terms: the trace it belongs to, its own id, and
/// whether the trace is sampled (recorded and exported).
public struct TraceContext: Sendable, Hashable {
    /// The trace's id: 16 bytes, never all zero, kept as two integers (high, low).
    public var traceID: TraceID
    /// The span's id: 8 bytes, never zero.
    public var spanID: UInt64
    /// Whether the spans of this trace are recorded (the `sampled` flag of `traceparent`).
    public var isSampled: Bool

    /// Makes a context.
    public init(traceID: TraceID, spanID: UInt64, isSampled: Bool) {
        self.traceID = traceID
        self.spanID = spanID
        self.isSampled = isSampled
    }

    /// The span id as 16 lowercase hex digits, as the log lines write it.
    public var spanIDHex: String { hex(spanID, digits: 16) }
}

/// `value` as `digits` lowercase hex digits, zero-padded.
func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
}
