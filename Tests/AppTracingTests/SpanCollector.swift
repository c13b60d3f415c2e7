import AppTracing
import NIOConcurrencyHelpers

/// Keeps the spans a tracer hands over, for assertions.
final class SpanCollector: SpanProcessor {
    private let box = NIOLockedValueBox<[FinishedSpan]>([])
    var spans: [FinishedSpan] { box.withLockedValue { $0 } }
    func spanEnded(_ span: FinishedSpan) { box.withLockedValue { $0.append(span) } }
}
