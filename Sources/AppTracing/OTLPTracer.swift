import Atomics
import Tracing

/// A tracer for swift-distributed-tracing that gives spans W3C trace and span ids, reads and writes the
/// `traceparent` header, and hands every sampled span that ends to a ``SpanProcessor`` (the OTLP exporter).
///
/// Sampling follows the parent: a trace started here is sampled; a trace continued from a caller's
/// `traceparent` is sampled when the caller's flag says so.
///
/// A class, so that making it the current tracer (`withTracer`, which takes `any Tracer`; the apps'
/// server does it for each connection) stores a reference: as a struct it was too large to be stored
/// inline, and each time allocated a box for it.
public final class OTLPTracer: Tracer, Sendable {
    /// The spans this tracer makes.
    public typealias Span = RecordingSpan

    private let processor: (any SpanProcessor)?
    // Ids come from one SplitMix64 sequence, seeded once from the system's generator and shared by the
    // threads through an atomic state: the system generator made a getrandom(2) call for every id, and
    // a lock around one generator made the event loops wait for each other.
    private let idState = ManagedAtomic<UInt64>(UInt64.random(in: .min ... .max))

    /// Makes a tracer handing ended spans to `processor` (nil: spans carry ids but go nowhere).
    public init(processor: (any SpanProcessor)?) {
        self.processor = processor
    }

    /// Starts a span, the child of the span in `context` if there is one.
    public func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> ServiceContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> RecordingSpan {
        let spanContext = context()
        return makeSpan(
            operationName,
            parent: spanContext.traceContext,
            context: spanContext,
            kind: kind,
            startNanoseconds: instant().nanosecondsSinceEpoch
        )
    }

    /// Starts a span, the child of `parent` (the caller's `traceparent`, read by the server span's
    /// middleware) when there is one, else of the span in `context`, starting now. Passing the caller's
    /// context here, rather than setting it in `context` first, writes the context once instead of twice.
    public func startSpan(
        _ operationName: String,
        parent: TraceContext?,
        context: ServiceContext,
        ofKind kind: SpanKind
    ) -> RecordingSpan {
        makeSpan(
            operationName,
            parent: parent ?? context.traceContext,
            context: context,
            kind: kind,
            startNanoseconds: DefaultTracerClock.now.nanosecondsSinceEpoch
        )
    }

    private func makeSpan(
        _ operationName: String,
        parent: TraceContext?,
        context: ServiceContext,
        kind: SpanKind,
        startNanoseconds: UInt64
    ) -> RecordingSpan {
        var spanContext = context
        let spanID = nextID()
        let traceContext: TraceContext
        if let parent {
            traceContext = TraceContext(traceID: parent.traceID, spanID: spanID, isSampled: parent.isSampled)
        } else {
            var traceID = TraceID(high: nextID(), low: nextID())
            if traceID.high == 0 && traceID.low == 0 { traceID.low = 1 }
            traceContext = TraceContext(traceID: traceID, spanID: spanID, isSampled: true)
        }
        spanContext.setCurrentSpan(traceContext, kind: kind)
        return RecordingSpan(
            operationName: operationName,
            context: spanContext,
            traceContext: traceContext,
            parentSpanID: parent?.spanID,
            kind: kind,
            startNanoseconds: startNanoseconds,
            processor: processor
        )
    }

    /// Nothing is buffered here; the exporter flushes on its own schedule and at shutdown.
    public func forceFlush() {}

    /// Reads the caller's `traceparent` into `context`; a malformed one is ignored (a new trace starts).
    public func extract<Carrier, Extract>(
        _ carrier: Carrier,
        into context: inout ServiceContext,
        using extractor: Extract
    ) where Extract: Extractor, Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: TraceParent.headerName, from: carrier),
            let parent = TraceParent.parse(value)
        else { return }
        context.traceContext = parent
    }

    /// Writes `traceparent` for the span in `context`, if there is one.
    public func inject<Carrier, Inject>(
        _ context: ServiceContext,
        into carrier: inout Carrier,
        using injector: Inject
    ) where Inject: Injector, Inject.Carrier == Carrier {
        guard let traceContext = context.traceContext else { return }
        injector.inject(TraceParent.format(traceContext), forKey: TraceParent.headerName, into: &carrier)
    }

    /// The next id of the sequence, never zero.
    private func nextID() -> UInt64 {
        while true {
            let state = idState.wrappingIncrementThenLoad(by: SplitMix64.increment, ordering: .relaxed)
            let id = SplitMix64.mix(state)
            if id != 0 { return id }
        }
    }
}
