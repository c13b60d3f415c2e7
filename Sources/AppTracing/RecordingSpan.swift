import NIOConcurrencyHelpers
import Tracing

/// A span of ``OTLPTracer``: records its name, attributes, status and events until it ends, then hands
/// itself to the tracer's processor once. A span of an unsampled trace records nothing and only carries
/// its context, so that the trace id still travels.
public final class RecordingSpan: Span {
    /// The service context of the span: its parent's, with this span's ``TraceContext``.
    public let context: ServiceContext

    private struct State {
        var operationName: String
        var attributes: SpanAttributes = [:]
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var hasEnded = false
    }

    private let state: NIOLockedValueBox<State>
    private let traceContext: TraceContext
    private let parentSpanID: UInt64?
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let processor: (any SpanProcessor)?

    init(
        operationName: String,
        context: ServiceContext,
        traceContext: TraceContext,
        parentSpanID: UInt64?,
        kind: SpanKind,
        startNanoseconds: UInt64,
        processor: (any SpanProcessor)?
    ) {
        self.context = context
        self.traceContext = traceContext
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.processor = traceContext.isSampled ? processor : nil
        self.state = NIOLockedValueBox(State(operationName: operationName))
    }

    /// What the span covers; may change until it ends (the server span takes the route's template).
    public var operationName: String {
        get { state.withLockedValue { $0.operationName } }
        set { state.withLockedValue { $0.operationName = newValue } }
    }

    /// The span's attributes.
    public var attributes: SpanAttributes {
        get { state.withLockedValue { $0.attributes } }
        set {
            guard isRecording else { return }
            state.withLockedValue { $0.attributes = newValue }
        }
    }

    /// Changes the attributes in place (the default, through the getter and the setter, copies them
    /// twice).
    public func updateAttributes(_ update: (inout SpanAttributes) -> Void) {
        guard isRecording else { return }
        state.withLockedValue { update(&$0.attributes) }
    }

    /// Whether the span records what it is told (its trace is sampled).
    public var isRecording: Bool { processor != nil }

    /// Sets the status; an error status is kept over a later ok.
    public func setStatus(_ status: SpanStatus) {
        state.withLockedValue { state in
            if state.status?.code == .error && status.code != .error { return }
            state.status = status
        }
    }

    /// Adds an event.
    public func addEvent(_ event: SpanEvent) {
        guard isRecording else { return }
        state.withLockedValue { $0.events.append(event) }
    }

    /// Records `error` as an `exception` event with its type and message.
    public func recordError<Instant: TracerInstant>(
        _ error: any Error,
        attributes: SpanAttributes,
        at instant: @autoclosure () -> Instant
    ) {
        guard isRecording else { return }
        var eventAttributes = attributes
        eventAttributes["exception.type"] = String(describing: type(of: error))
        eventAttributes["exception.message"] = String(describing: error)
        addEvent(SpanEvent(name: "exception", at: instant(), attributes: eventAttributes))
    }

    /// Links are not exported.
    public func addLink(_ link: SpanLink) {}

    /// Ends the span and hands it to the processor; later calls do nothing.
    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        guard let processor else { return }
        let endNanoseconds = instant().nanosecondsSinceEpoch
        let finished = state.withLockedValue { state -> FinishedSpan? in
            guard !state.hasEnded else { return nil }
            state.hasEnded = true
            var status = state.status
            // A server span whose answer is a 5xx failed (OpenTelemetry's HTTP conventions), also when the
            // error was turned into a response before the span's middleware saw it.
            if kind == .server, status == nil,
                case .int64(let code)? = state.attributes.get("http.response.status_code"),
                code >= 500
            {
                status = SpanStatus(code: .error)
            }
            return FinishedSpan(
                context: traceContext,
                parentSpanID: parentSpanID,
                operationName: state.operationName,
                kind: kind,
                startNanoseconds: startNanoseconds,
                endNanoseconds: max(endNanoseconds, startNanoseconds),
                attributes: state.attributes,
                status: status,
                events: state.events
            )
        }
        if let finished { processor.spanEnded(finished) }
    }
}
