/// Receives the spans of ``OTLPTracer`` as they end.
public protocol SpanProcessor: Sendable {
    /// Called once per recorded span, when it ends. Must be cheap and must not block.
    func spanEnded(_ span: FinishedSpan)
}
