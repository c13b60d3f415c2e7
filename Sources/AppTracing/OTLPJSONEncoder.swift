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

    /// The request body for `spans`.
    public func encode(_ spans: [FinishedSpan]) -> String {
        var out = #"{"resourceSpans":[{"resource":{"attributes":["#
        writeAttribute(key: "service.name", value: .string(serviceName), to: &out)
        out += #"]},"scopeSpans":[{"scope":{"name":"#
        writeString(scopeName, to: &out)
        out += #"},"spans":["#
        for (index, span) in spans.enumerated() {
            if index > 0 { out += "," }
            write(span, to: &out)
        }
        out += "]}]}]}"
        return out
    }

    private func write(_ span: FinishedSpan, to out: inout String) {
        out += #"{"traceId":""#
        out += span.context.traceID.description
        out += #"","spanId":""#
        out += span.context.spanIDHex
        out += "\""
        if let parent = span.parentSpanID {
            out += #","parentSpanId":""#
            out += hex(parent, digits: 16)
            out += "\""
        }
        out += #","name":"#
        writeString(span.operationName, to: &out)
        out += #","kind":"#
        out += String(Self.kindNumber(span.kind))
        out += #","startTimeUnixNano":""#
        out += String(span.startNanoseconds)
        out += #"","endTimeUnixNano":""#
        out += String(span.endNanoseconds)
        out += #"","attributes":["#
        writeAttributes(span.attributes, to: &out)
        out += "]"
        if !span.events.isEmpty {
            out += #","events":["#
            for (index, event) in span.events.enumerated() {
                if index > 0 { out += "," }
                out += #"{"timeUnixNano":""#
                out += String(event.nanosecondsSinceEpoch)
                out += #"","name":"#
                writeString(event.name, to: &out)
                out += #","attributes":["#
                writeAttributes(event.attributes, to: &out)
                out += "]}"
            }
            out += "]"
        }
        if let status = span.status {
            // STATUS_CODE_OK = 1, STATUS_CODE_ERROR = 2.
            out += #","status":{"code":"#
            out += status.code == .error ? "2" : "1"
            if let message = status.message {
                out += #","message":"#
                writeString(message, to: &out)
            }
            out += "}"
        }
        out += "}"
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

    private func writeAttributes(_ attributes: SpanAttributes, to out: inout String) {
        var first = true
        // SpanAttributes is not a sequence: forEach is its only way through.
        // swift-format-ignore: ReplaceForEachWithForLoop
        attributes.forEach { key, value in
            if !first { out += "," }
            first = false
            writeAttribute(key: key, value: value, to: &out)
        }
    }

    private func writeAttribute(key: String, value: SpanAttribute, to out: inout String) {
        out += #"{"key":"#
        writeString(key, to: &out)
        out += #","value":"#
        writeValue(value, to: &out)
        out += "}"
    }

    /// An `AnyValue`: `stringValue`, `intValue` (a decimal string), `doubleValue`, `boolValue` or `arrayValue`.
    private func writeValue(_ value: SpanAttribute, to out: inout String) {
        switch value {
        case .string(let text):
            out += #"{"stringValue":"#
            writeString(text, to: &out)
            out += "}"
        case .int32(let number): out += #"{"intValue":"\#(number)"}"#
        case .int64(let number): out += #"{"intValue":"\#(number)"}"#
        case .bool(let flag): out += #"{"boolValue":\#(flag)}"#
        case .double(let number):
            if number.isFinite {
                out += #"{"doubleValue":\#(number)}"#
            } else {
                out += #"{"doubleValue":"\#(number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")"}"#
            }
        case .stringArray(let texts): writeArray(texts.map { SpanAttribute.string($0) }, to: &out)
        case .int32Array(let numbers): writeArray(numbers.map { SpanAttribute.int32($0) }, to: &out)
        case .int64Array(let numbers): writeArray(numbers.map { SpanAttribute.int64($0) }, to: &out)
        case .boolArray(let flags): writeArray(flags.map { SpanAttribute.bool($0) }, to: &out)
        case .doubleArray(let numbers): writeArray(numbers.map { SpanAttribute.double($0) }, to: &out)
        case .stringConvertibleArray(let items): writeArray(items.map { SpanAttribute.string("\($0)") }, to: &out)
        case .stringConvertible(let item):
            out += #"{"stringValue":"#
            writeString("\(item)", to: &out)
            out += "}"
        default:
            out += #"{"stringValue":"#
            writeString("\(value)", to: &out)
            out += "}"
        }
    }

    private func writeArray(_ values: [SpanAttribute], to out: inout String) {
        out += #"{"arrayValue":{"values":["#
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            writeValue(value, to: &out)
        }
        out += "]}}"
    }
}

extension OTLPJSONEncoder {
    fileprivate func writeString(_ text: String, to out: inout String) {
        out += text.jsonQuoted
    }
}
