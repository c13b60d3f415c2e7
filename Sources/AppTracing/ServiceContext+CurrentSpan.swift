import Tracing

/// What a span of ``OTLPTracer`` puts in its `ServiceContext`: its trace context, and its kind (inside the
/// process only: `traceparent` does not carry the kind). One value under one key, because every span
/// copies its parent's context and sets it: a second key was a second copy and a second boxed value on
/// the path of every request.
struct CurrentSpan: Sendable {
    var traceContext: TraceContext
    var kind: SpanKind?
}

/// The key under which ``CurrentSpan`` travels in a `ServiceContext`.
enum CurrentSpanKey: ServiceContextKey {
    typealias Value = CurrentSpan
    static var nameOverride: String? { "trace-context" }
}

extension ServiceContext {
    /// The trace context of the current span, if a span of ``OTLPTracer`` is active, or the caller's
    /// once its `traceparent` is read. Setting it forgets the kind.
    public var traceContext: TraceContext? {
        get { self[CurrentSpanKey.self]?.traceContext }
        set { self[CurrentSpanKey.self] = newValue.map { CurrentSpan(traceContext: $0, kind: nil) } }
    }

    /// The kind of the current span, if a span of ``OTLPTracer`` is active: a Redis client that finds a
    /// client span already open (its caller's, around the same call) does not open a second one.
    public var spanKind: SpanKind? {
        self[CurrentSpanKey.self]?.kind
    }

    /// Makes `traceContext`, a span of `kind`, the current span.
    mutating func setCurrentSpan(_ traceContext: TraceContext, kind: SpanKind) {
        self[CurrentSpanKey.self] = CurrentSpan(traceContext: traceContext, kind: kind)
    }
}
