import AppTracing
import NIOConcurrencyHelpers

/// Keeps the spans a tracer hands over, for assertions: `OTLPTracer(processor: collector)`.
public final class SpanCollector: SpanProcessor {
    private let box = NIOLockedValueBox<[FinishedSpan]>([])

    /// Makes an empty collector.
    public init() {}

    /// The spans ended so far, in the order they ended.
    public var spans: [FinishedSpan] { box.withLockedValue { $0 } }

    /// Keeps `span`.
    public func spanEnded(_ span: FinishedSpan) { box.withLockedValue { $0.append(span) } }
}
