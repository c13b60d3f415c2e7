import Tracing

/// A span that has ended, as the exporter sends it.
public struct FinishedSpan: Sendable {
    /// The span's own trace context.
    public var context: TraceContext
    /// The parent span's id, or nil for a root span.
    public var parentSpanID: UInt64?
    /// What the span covers, such as `/items/{key}` or `GET`.
    public var operationName: String
    /// Server, client or internal.
    public var kind: SpanKind
    /// When it started, in nanoseconds since 1970.
    public var startNanoseconds: UInt64
    /// When it ended, in nanoseconds since 1970.
    public var endNanoseconds: UInt64
    /// The attributes set through swift-distributed-tracing's API (`span.attributes["key"] = value`).
    public var attributeDictionary: SpanAttributes
    /// The attributes the apps' own instrumentation added with ``RecordingSpan/addAttributes(_:)``, in
    /// order, without a dictionary.
    public var attributeList: [(key: String, value: SpanAttribute)]
    /// Its status, when one was set.
    public var status: SpanStatus?
    /// Its events (recorded errors among them).
    public var events: [SpanEvent]

    /// All its attributes, such as `db.system.name`: a key set both ways has the dictionary's value.
    public var attributes: SpanAttributes {
        attributeDictionary.adding(attributeList)
    }
}

extension SpanAttributes {
    /// These attributes and those of `list` whose keys are not among them: a span's two kinds of
    /// attributes as one, the dictionary's value winning.
    func adding(_ list: [(key: String, value: SpanAttribute)]) -> SpanAttributes {
        var all = self
        for (key, value) in list where all.get(key) == nil { all.set(key, value: value) }
        return all
    }
}
