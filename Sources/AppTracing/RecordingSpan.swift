import NIOConcurrencyHelpers
import Tracing

/// A span of ``OTLPTracer``: records its name, attributes, status and events until it ends, then hands
/// itself to the tracer's processor once. A span of an unsampled trace records nothing and only carries
/// its context, so that the trace id still travels.
public final class RecordingSpan: Span, @unchecked Sendable {
    /// The service context of the span: its parent's, with this span's ``TraceContext``.
    public let context: ServiceContext

    private struct State {
        var operationName: String
        var attributes: SpanAttributes = [:]
        var attributeList: [(key: String, value: SpanAttribute)] = []
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var hasEnded = false
    }

    // `state` is read and written only while `lock` is held (hence `@unchecked Sendable`, and no
    // run-time exclusivity checks: the lock already makes each access exclusive). A lock and a stored
    // value, rather than a locked box, so that `attributes` can be changed in place (`_modify`).
    private let lock = NIOLock()
    @exclusivity(unchecked) private var state: State
    private let traceContext: TraceContext
    private let parentSpanID: UInt64?
    private let kind: SpanKind
    private let startNanoseconds: UInt64
    private let processor: (any SpanProcessor)?
    /// Whether the span records what it is told (its trace is sampled): stored, because comparing the
    /// processor, an existential, with nil copied it on every attribute.
    public let isRecording: Bool

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
        self.isRecording = self.processor != nil
        self.state = State(operationName: operationName)
    }

    /// What the span covers; may change until it ends (the server span takes the route's template).
    public var operationName: String {
        get { lock.withLock { state.operationName } }
        set { lock.withLock { state.operationName = newValue } }
    }

    /// The span's attributes. `span.attributes["key"] = value` changes them in place, through the
    /// `_modify` accessor, also when the span is seen as `any Span`; the getter and the setter would copy
    /// the whole dictionary for every attribute.
    ///
    /// Reading them gives every attribute, those added with ``addAttributes(_:)`` included; changing
    /// them changes a dictionary of their own, allocated on the first change with room for six (a
    /// handler's few attributes, without growing).
    public var attributes: SpanAttributes {
        get {
            guard isRecording else { return [:] }
            return lock.withLock { state.attributes.adding(state.attributeList) }
        }
        set {
            guard isRecording else { return }
            lock.withLock { state.attributes = newValue }
        }
        _modify {
            // Nothing but the lock and the yield here: any branch in this accessor made its coroutine
            // frame too large for the room its caller gives it, and every `span.attributes[key] = value`
            // on `any Span` then allocated it, twice (malloc; two allocations an attribute in the running
            // app, counted with a uprobe on malloc).
            lock.lock()
            defer { lock.unlock() }
            prepareAttributesForChange()
            yield &state.attributes
        }
    }

    /// Gives a recording span's attributes room for six on their first change; empties those a span that
    /// does not record was given (it keeps none). Called with `lock` held.
    @inline(never)
    private func prepareAttributesForChange() {
        if !isRecording {
            state.attributes = [:]
        } else if state.attributes.isEmpty {
            state.attributes = SpanAttributes([String: SpanAttribute](minimumCapacity: 6))
        }
    }

    /// Changes the attributes in place (the default, through the getter and the setter, copies them
    /// twice).
    public func updateAttributes(_ update: (inout SpanAttributes) -> Void) {
        guard isRecording else { return }
        lock.withLock {
            if state.attributes.isEmpty {
                state.attributes = SpanAttributes([String: SpanAttribute](minimumCapacity: 6))
            }
            update(&state.attributes)
        }
    }

    /// Adds attributes whose keys the caller knows are not set yet (the server span's HTTP attributes,
    /// the Redis client's): appended to a list, without the hashing and the allocation of a
    /// dictionary. A key also set through ``attributes`` keeps the dictionary's value.
    public func addAttributes(_ add: (inout [(key: String, value: SpanAttribute)]) -> Void) {
        guard isRecording else { return }
        lock.withLock {
            if state.attributeList.isEmpty { state.attributeList.reserveCapacity(6) }
            add(&state.attributeList)
        }
    }

    /// Sets the status; an error status is kept over a later ok.
    public func setStatus(_ status: SpanStatus) {
        lock.withLock {
            if state.status?.code == .error && status.code != .error { return }
            state.status = status
        }
    }

    /// Adds an event.
    public func addEvent(_ event: SpanEvent) {
        guard isRecording else { return }
        lock.withLock { state.events.append(event) }
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
        let finished = lock.withLock { () -> FinishedSpan? in
            guard !state.hasEnded else { return nil }
            state.hasEnded = true
            return FinishedSpan(
                context: traceContext,
                parentSpanID: parentSpanID,
                operationName: state.operationName,
                kind: kind,
                startNanoseconds: startNanoseconds,
                endNanoseconds: max(endNanoseconds, startNanoseconds),
                attributeDictionary: state.attributes,
                attributeList: state.attributeList,
                status: state.status,
                events: state.events
            )
        }
        if let finished { processor.spanEnded(finished) }
    }
}
