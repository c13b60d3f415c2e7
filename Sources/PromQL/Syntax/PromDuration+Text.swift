extension PromDuration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 24 * 3_600_000), ("w", 7 * 24 * 3_600_000), ("d", 24 * 3_600_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses a duration as Prometheus's `model.ParseDuration` does: units in the order y w d h m s ms,
    /// each at most once (`1h30m`), or a plain `0`.
    /// - Returns: the duration, or Prometheus's message (`not a valid duration string: "1.5h"`).
    static func parse(_ text: String) -> Result<PromDuration, MessageError> {
        parse(utf8: ArraySlice(text.utf8))
    }

    /// Parses the UTF-8 bytes of a duration; see `parse(_:)`.
    static func parse(utf8 bytes: ArraySlice<UInt8>) -> Result<PromDuration, MessageError> {
        var invalid: String { "not a valid duration string: \(GoQuote.quote(String(decoding: bytes, as: UTF8.self)))" }
        if bytes.elementsEqual(CollectionOfOne(UInt8(ascii: "0"))) { return .success(PromDuration(milliseconds: 0)) }
        if bytes.isEmpty { return .failure(MessageError("empty duration string")) }
        var index = bytes.startIndex
        var nextUnit = 0
        var total: Int64 = 0
        var overflow = false
        while index < bytes.endIndex {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (multiplied, o1) = number.multipliedReportingOverflow(by: 10)
                let (added, o2) = multiplied.addingReportingOverflow(Int64(bytes[index] - 0x30))
                overflow = overflow || o1 || o2
                number = added
                index += 1
            }
            if index == digitsStart { return .failure(MessageError(invalid)) }
            var unitEnd = index
            while unitEnd < bytes.endIndex, !(bytes[unitEnd] >= 0x30 && bytes[unitEnd] <= 0x39) { unitEnd += 1 }
            guard let position = unitPosition(bytes[index..<unitEnd]), position >= nextUnit else {
                return .failure(MessageError(invalid))
            }
            nextUnit = position + 1
            let (product, o3) = number.multipliedReportingOverflow(by: units[position].milliseconds)
            let (sum, o4) = total.addingReportingOverflow(product)
            overflow = overflow || o3 || o4
            total = sum
            index = unitEnd
        }
        // Prometheus keeps durations as int64 nanoseconds.
        if overflow || total > Int64.max / 1_000_000 { return .failure(MessageError("duration out of range")) }
        return .success(PromDuration(milliseconds: total))
    }

    /// The index in `units` of a unit's spelling.
    private static func unitPosition(_ unit: ArraySlice<UInt8>) -> Int? {
        guard let first = unit.first else { return nil }
        if unit.count == 2 {
            return first == UInt8(ascii: "m") && unit.last == UInt8(ascii: "s") ? 6 : nil
        }
        guard unit.count == 1 else { return nil }
        switch first {
        case UInt8(ascii: "y"): return 0
        case UInt8(ascii: "w"): return 1
        case UInt8(ascii: "d"): return 2
        case UInt8(ascii: "h"): return 3
        case UInt8(ascii: "m"): return 4
        case UInt8(ascii: "s"): return 5
        default: return nil
        }
    }

    /// Prometheus's `model.Duration.String()`: `1h30m`, `90d` (years and weeks only when exact), `0s`.
    var text: String {
        var remaining = milliseconds < 0 ? -milliseconds : milliseconds
        if remaining == 0 { return "0s" }
        var result = ""
        for (index, unit) in Self.units.enumerated() {
            if index < 2 && remaining % unit.milliseconds != 0 { continue }
            let count = remaining / unit.milliseconds
            if count > 0 {
                result += "\(count)\(unit.suffix)"
                remaining -= count * unit.milliseconds
            }
        }
        return result
    }
}
