import Tracing

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

    /// The span id as 16 lowercase hex digits, as logs and OTLP/JSON write it.
    public var spanIDHex: String { hex(spanID, digits: 16) }
}

/// A trace id: 16 bytes, written as 32 lowercase hex digits.
public struct TraceID: Sendable, Hashable, CustomStringConvertible {
    /// The first 8 bytes, big-endian.
    public var high: UInt64
    /// The last 8 bytes, big-endian.
    public var low: UInt64

    /// Makes an id from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A random id (never all zero).
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> TraceID {
        var id = TraceID(high: generator.next(), low: generator.next())
        if id.high == 0 && id.low == 0 { id.low = 1 }
        return id
    }

    /// The 32 lowercase hex digits.
    public var description: String { hex(high, digits: 16) + hex(low, digits: 16) }
}

/// The key under which a span's ``TraceContext`` travels in a `ServiceContext`.
public enum TraceContextKey: ServiceContextKey {
    /// The value stored.
    public typealias Value = TraceContext
    /// The name shown when a service context is printed.
    public static var nameOverride: String? { "trace-context" }
}

extension ServiceContext {
    /// The trace context of the current span, if a span of ``OTLPTracer`` is active.
    public var traceContext: TraceContext? {
        get { self[TraceContextKey.self] }
        set { self[TraceContextKey.self] = newValue }
    }
}

/// `value` as `digits` lowercase hex digits, zero-padded.
func hex(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
}

/// The key under which the kind of the current span of ``OTLPTracer`` travels in a `ServiceContext`
/// (inside the process only: `traceparent` does not carry it).
public enum SpanKindKey: ServiceContextKey {
    /// The value stored.
    public typealias Value = SpanKind
}

extension ServiceContext {
    /// The kind of the current span, if a span of ``OTLPTracer`` is active: a Redis client that finds a
    /// client span already open (its caller's, around the same call) does not open a second one.
    public var spanKind: SpanKind? {
        get { self[SpanKindKey.self] }
        set { self[SpanKindKey.self] = newValue }
    }
}
