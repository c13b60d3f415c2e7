import NIOCore
import Tracing

/// Writes spans as an OTLP/HTTP protobuf body (`application/x-protobuf`): `ExportTraceServiceRequest`
/// (`resource_spans` → `scope_spans` → `spans`) in protocol buffers' binary format, with the field
/// numbers of OpenTelemetry's `trace.proto`, `common.proto` and `resource.proto`.
///
/// Binary rather than OTLP/JSON: ids are raw bytes and times eight bytes each, where JSON writes them as
/// hex and decimal digits, so a span is about half the size and cheaper to write (README, "What tracing
/// costs").
public struct OTLPProtobufEncoder: Sendable {
    /// The resource's `service.name`.
    public let serviceName: String
    /// The instrumentation scope's name.
    public let scopeName: String

    /// `ResourceSpans.resource` (field 1, with its key and length), the same for every request.
    private let resourceField: [UInt8]
    /// `ScopeSpans.scope` (field 1, with its key and length).
    private let scopeField: [UInt8]

    /// Makes an encoder for `serviceName`'s spans.
    public init(serviceName: String, scopeName: String = "infraobs") {
        self.serviceName = serviceName
        self.scopeName = scopeName
        var writer = ProtobufWriter()
        // Resource.attributes = 1
        writer.message(1) { resource in
            resource.message(1) { Self.writeAttribute(key: "service.name", value: .string(serviceName), to: &$0) }
        }
        resourceField = Array(writer.bytes)
        writer.removeAll()
        // InstrumentationScope.name = 1
        writer.message(1) { $0.string(1, scopeName) }
        scopeField = Array(writer.bytes)
    }

    /// The request body for `spans`.
    public func encode(_ spans: [FinishedSpan]) -> ByteBuffer {
        let entries = EncodedSpans()
        for span in spans { entries.append(span, encoder: self) }
        var body = ByteBuffer()
        writeRequest([(entries, 0..<entries.byteCount)], to: &body)
        return body
    }

    /// Writes `span` as an entry of `ScopeSpans.spans` (field 2), after what `out` holds.
    func writeEntry(_ span: FinishedSpan, to out: inout ProtobufWriter) {
        out.message(2, lengthBytes: 2) { write(span, to: &$0) }
    }

    /// Appends to `body` the `ExportTraceServiceRequest` whose spans are the entries in `segments`' byte
    /// ranges, one after the other (each written by ``writeEntry(_:to:)``): one `ResourceSpans` with this
    /// service's resource, and in it one `ScopeSpans`. The entries are copied as they are; only the
    /// lengths around them are written here.
    func writeRequest(_ segments: [(spans: EncodedSpans, range: Range<Int>)], to body: inout ByteBuffer) {
        let entriesLength = segments.reduce(0) { $0 + $1.range.count }
        let scopeSpansLength = scopeField.count + entriesLength
        let resourceSpansLength =
            resourceField.count + 1 + ProtobufWriter.varintSize(UInt64(scopeSpansLength)) + scopeSpansLength
        body.reserveCapacity(minimumWritableBytes: resourceSpansLength + 6)
        // The keys and lengths around the fields, through a writer of their own (a few bytes a batch).
        var head = ProtobufWriter()
        head.key(1, .lengthDelimited)  // ExportTraceServiceRequest.resource_spans = 1
        head.writeVarint(UInt64(resourceSpansLength))
        body.writeBytes(head.bytes)
        body.writeBytes(resourceField)  // ResourceSpans.resource = 1
        head.removeAll()
        head.key(2, .lengthDelimited)  // ResourceSpans.scope_spans = 2
        head.writeVarint(UInt64(scopeSpansLength))
        body.writeBytes(head.bytes)
        body.writeBytes(scopeField)  // ScopeSpans.scope = 1
        for segment in segments { body.writeBytes(segment.spans.bytes(segment.range)) }  // ScopeSpans.spans = 2
    }

    /// A `Span`'s fields.
    private func write(_ span: FinishedSpan, to out: inout ProtobufWriter) {
        out.id(1, high: span.context.traceID.high, low: span.context.traceID.low)  // trace_id
        out.id(2, span.context.spanID)  // span_id
        if let parent = span.parentSpanID { out.id(4, parent) }  // parent_span_id
        out.string(5, span.operationName)  // name
        out.varint(6, UInt64(Self.kindNumber(span.kind)))  // kind
        out.fixed64(7, span.startNanoseconds)  // start_time_unix_nano
        out.fixed64(8, span.endNanoseconds)  // end_time_unix_nano
        // attributes: the list, less the keys the dictionary also has, then the dictionary.
        let dictionary = span.attributeDictionary
        for (key, value) in span.attributeList where dictionary.isEmpty || dictionary.get(key) == nil {
            out.message(9) { Self.writeAttribute(key: key, value: value, to: &$0) }
        }
        writeAttributes(dictionary, field: 9, to: &out)
        for event in span.events {
            out.message(11) { written in  // events
                written.fixed64(1, event.nanosecondsSinceEpoch)  // time_unix_nano
                written.string(2, event.name)  // name
                writeAttributes(event.attributes, field: 3, to: &written)  // attributes
            }
        }
        if let status = span.status {
            out.message(15) { written in  // status
                if let message = status.message { written.string(2, message) }  // message
                written.varint(3, status.code == .error ? 2 : 1)  // code: OK = 1, ERROR = 2
            }
        }
    }

    /// SPAN_KIND_INTERNAL = 1, SERVER = 2, CLIENT = 3, PRODUCER = 4, CONSUMER = 5.
    static func kindNumber(_ kind: SpanKind) -> Int {
        switch kind {
        case .server: return 2
        case .client: return 3
        case .producer: return 4
        case .consumer: return 5
        default: return 1
        }
    }

    /// Each attribute as a `KeyValue` in field `field`.
    private func writeAttributes(_ attributes: SpanAttributes, field: UInt8, to out: inout ProtobufWriter) {
        // SpanAttributes is not a sequence: forEach is its only way through.
        // swift-format-ignore: ReplaceForEachWithForLoop
        attributes.forEach { key, value in
            out.message(field) { Self.writeAttribute(key: key, value: value, to: &$0) }
        }
    }

    /// A `KeyValue`'s fields: key = 1, value = 2.
    private static func writeAttribute(key: String, value: SpanAttribute, to out: inout ProtobufWriter) {
        out.string(1, key)
        out.message(2) { Self.writeValue(value, to: &$0) }
    }

    /// An `AnyValue`'s one field: string_value = 1, bool_value = 2, int_value = 3, double_value = 4,
    /// array_value = 5.
    private static func writeValue(_ value: SpanAttribute, to out: inout ProtobufWriter) {
        switch value {
        case .string(let text): out.string(1, text)
        case .int32(let number): out.varint(3, UInt64(bitPattern: Int64(number)))
        case .int64(let number): out.varint(3, UInt64(bitPattern: number))
        case .bool(let flag): out.varint(2, flag ? 1 : 0)
        case .double(let number): out.fixed64(4, number.bitPattern)
        case .stringArray(let texts): Self.writeArray(texts.map { SpanAttribute.string($0) }, to: &out)
        case .int32Array(let numbers): Self.writeArray(numbers.map { SpanAttribute.int32($0) }, to: &out)
        case .int64Array(let numbers): Self.writeArray(numbers.map { SpanAttribute.int64($0) }, to: &out)
        case .boolArray(let flags): Self.writeArray(flags.map { SpanAttribute.bool($0) }, to: &out)
        case .doubleArray(let numbers): Self.writeArray(numbers.map { SpanAttribute.double($0) }, to: &out)
        case .stringConvertibleArray(let items): Self.writeArray(items.map { SpanAttribute.string("\($0)") }, to: &out)
        case .stringConvertible(let item): out.string(1, "\(item)")
        default: out.string(1, "\(value)")
        }
    }

    /// An `ArrayValue` (values = 1) in `array_value`.
    private static func writeArray(_ values: [SpanAttribute], to out: inout ProtobufWriter) {
        out.message(5) { array in
            for value in values {
                array.message(1) { Self.writeValue(value, to: &$0) }
            }
        }
    }
}
