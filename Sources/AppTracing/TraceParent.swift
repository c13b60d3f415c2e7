/// Reads and writes the W3C Trace Context `traceparent` header: `00-<trace id>-<parent id>-<flags>`,
/// 32 and 16 lowercase hex digits for the ids, 2 for the flags (bit 0: sampled).
public enum TraceParent {
    /// The header's name.
    public static let headerName = "traceparent"

    /// The context a `traceparent` value carries, or nil when it is malformed: wrong length or
    /// separators, upper-case or non-hex digits, the invalid version `ff`, an all-zero trace or parent
    /// id. A version above 00 is read as 00 (its first four fields), as the specification asks.
    public static func parse(_ value: String) -> TraceContext? {
        // The string's own UTF-8 bytes, without copying them into an array (an allocation a request).
        var value = value
        return value.withUTF8(parse(bytes:))
    }

    private static func parse(bytes: UnsafeBufferPointer<UInt8>) -> TraceContext? {
        guard bytes.count >= 55 else { return nil }
        guard bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-")
        else { return nil }
        guard let version = number(bytes[0..<2]), version != 0xff else { return nil }
        if version == 0 && bytes.count != 55 { return nil }
        if version != 0 && bytes.count > 55 && bytes[55] != UInt8(ascii: "-") { return nil }
        guard let high = number(bytes[3..<19]), let low = number(bytes[19..<35]),
            let parent = number(bytes[36..<52]), let flags = number(bytes[53..<55])
        else { return nil }
        guard high != 0 || low != 0, parent != 0 else { return nil }
        return TraceContext(traceID: TraceID(high: high, low: low), spanID: parent, isSampled: flags & 1 == 1)
    }

    /// The `traceparent` value of `context` (version 00).
    public static func format(_ context: TraceContext) -> String {
        "00-\(context.traceID)-\(context.spanIDHex)-\(context.isSampled ? "01" : "00")"
    }

    /// The number written in lowercase hex digits, or nil for any other character.
    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }
}
