import Tracing

/// Writes spans as an OTLP/HTTP JSON body: the protobuf JSON mapping of `ExportTraceServiceRequest`
/// (`resourceSpans` → `scopeSpans` → `spans`), with trace and span ids as hex strings and 64-bit
/// integers as decimal strings, as the OTLP specification writes them.
public struct OTLPJSONEncoder: Sendable {
    /// The resource's `service.name`.
    public var serviceName: String
    /// The instrumentation scope's name.
    public var scopeName: String

    /// Makes an encoder for `serviceName`'s spans.
    public init(serviceName: String, scopeName: String = "infraobs") {
        self.serviceName = serviceName
        self.scopeName = scopeName
    }

    /// The request body for `spans`, as UTF-8 bytes.
    ///
    /// The body is written byte by byte into one buffer (hex digits from a table, numbers without
    /// temporary strings): the exporter encodes every span of a traced app, and string appends made
    /// encoding the largest cost of exporting (`bench/tracing-overhead`).
    public func encode(_ spans: [FinishedSpan]) -> [UInt8] {
        var out = JSONBytes(capacity: 96 + spans.count * 640)
        out.append(#"{"resourceSpans":[{"resource":{"attributes":["#)
        writeAttribute(key: "service.name", value: .string(serviceName), to: &out)
        out.append(#"]},"scopeSpans":[{"scope":{"name":"#)
        out.appendQuoted(scopeName)
        out.append(#"},"spans":["#)
        for (index, span) in spans.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(span, to: &out)
        }
        out.append("]}]}]}")
        return out.bytes
    }

    private func write(_ span: FinishedSpan, to out: inout JSONBytes) {
        out.append(#"{"traceId":""#)
        out.appendHex(span.context.traceID.high)
        out.appendHex(span.context.traceID.low)
        out.append(#"","spanId":""#)
        out.appendHex(span.context.spanID)
        out.append(UInt8(ascii: "\""))
        if let parent = span.parentSpanID {
            out.append(#","parentSpanId":""#)
            out.appendHex(parent)
            out.append(UInt8(ascii: "\""))
        }
        out.append(#","name":"#)
        out.appendQuoted(span.operationName)
        out.append(#","kind":"#)
        out.appendDecimal(UInt64(Self.kindNumber(span.kind)))
        out.append(#","startTimeUnixNano":""#)
        out.appendDecimal(span.startNanoseconds)
        out.append(#"","endTimeUnixNano":""#)
        out.appendDecimal(span.endNanoseconds)
        out.append(#"","attributes":["#)
        writeAttributes(span.attributes, to: &out)
        out.append(UInt8(ascii: "]"))
        if !span.events.isEmpty {
            out.append(#","events":["#)
            for (index, event) in span.events.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(#"{"timeUnixNano":""#)
                out.appendDecimal(event.nanosecondsSinceEpoch)
                out.append(#"","name":"#)
                out.appendQuoted(event.name)
                out.append(#","attributes":["#)
                writeAttributes(event.attributes, to: &out)
                out.append("]}")
            }
            out.append(UInt8(ascii: "]"))
        }
        if let status = span.status {
            // STATUS_CODE_OK = 1, STATUS_CODE_ERROR = 2.
            out.append(#","status":{"code":"#)
            out.append(status.code == .error ? UInt8(ascii: "2") : UInt8(ascii: "1"))
            if let message = status.message {
                out.append(#","message":"#)
                out.appendQuoted(message)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "}"))
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

    private func writeAttributes(_ attributes: SpanAttributes, to out: inout JSONBytes) {
        var first = true
        // SpanAttributes is not a sequence: forEach is its only way through.
        // swift-format-ignore: ReplaceForEachWithForLoop
        attributes.forEach { key, value in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            writeAttribute(key: key, value: value, to: &out)
        }
    }

    private func writeAttribute(key: String, value: SpanAttribute, to out: inout JSONBytes) {
        out.append(#"{"key":"#)
        out.appendQuoted(key)
        out.append(#","value":"#)
        writeValue(value, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// An `AnyValue`: `stringValue`, `intValue` (a decimal string), `doubleValue`, `boolValue` or `arrayValue`.
    private func writeValue(_ value: SpanAttribute, to out: inout JSONBytes) {
        switch value {
        case .string(let text): writeStringValue(text, to: &out)
        case .int32(let number): writeIntValue(Int64(number), to: &out)
        case .int64(let number): writeIntValue(number, to: &out)
        case .bool(let flag): out.append(flag ? #"{"boolValue":true}"# : #"{"boolValue":false}"#)
        case .double(let number):
            if number.isFinite {
                out.append(#"{"doubleValue":"#)
                out.appendUnquoted("\(number)")
                out.append(UInt8(ascii: "}"))
            } else {
                out.append(#"{"doubleValue":""#)
                out.append(number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")
                out.append(#""}"#)
            }
        case .stringArray(let texts): writeArray(texts.map { SpanAttribute.string($0) }, to: &out)
        case .int32Array(let numbers): writeArray(numbers.map { SpanAttribute.int32($0) }, to: &out)
        case .int64Array(let numbers): writeArray(numbers.map { SpanAttribute.int64($0) }, to: &out)
        case .boolArray(let flags): writeArray(flags.map { SpanAttribute.bool($0) }, to: &out)
        case .doubleArray(let numbers): writeArray(numbers.map { SpanAttribute.double($0) }, to: &out)
        case .stringConvertibleArray(let items): writeArray(items.map { SpanAttribute.string("\($0)") }, to: &out)
        case .stringConvertible(let item): writeStringValue("\(item)", to: &out)
        default: writeStringValue("\(value)", to: &out)
        }
    }

    private func writeStringValue(_ text: String, to out: inout JSONBytes) {
        out.append(#"{"stringValue":"#)
        out.appendQuoted(text)
        out.append(UInt8(ascii: "}"))
    }

    /// 64-bit integers are decimal strings in OTLP/JSON.
    private func writeIntValue(_ number: Int64, to out: inout JSONBytes) {
        out.append(#"{"intValue":""#)
        if number < 0 { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(number.magnitude)
        out.append(#""}"#)
    }

    private func writeArray(_ values: [SpanAttribute], to out: inout JSONBytes) {
        out.append(#"{"arrayValue":{"values":["#)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeValue(value, to: &out)
        }
        out.append("]}}")
    }
}
