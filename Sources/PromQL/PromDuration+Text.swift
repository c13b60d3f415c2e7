extension PromDuration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 24 * 3_600_000), ("w", 7 * 24 * 3_600_000), ("d", 24 * 3_600_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses a duration as Prometheus's `model.ParseDuration` does: units in the order y w d h m s ms,
    /// each at most once (`1h30m`), or a plain `0`.
    /// - Returns: the duration, or Prometheus's message (`not a valid duration string: "1.5h"`).
    static func parse(_ text: String) -> Result<PromDuration, MessageError> {
        var invalid: String { "not a valid duration string: \(GoQuote.quote(text))" }
        if text == "0" { return .success(PromDuration(milliseconds: 0)) }
        if text.isEmpty { return .failure(MessageError("empty duration string")) }
        let bytes = Array(text.utf8)
        var index = 0
        var nextUnit = 0
        var total: Int64 = 0
        var overflow = false
        while index < bytes.count {
            var number: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                let (multiplied, o1) = number.multipliedReportingOverflow(by: 10)
                let (added, o2) = multiplied.addingReportingOverflow(Int64(bytes[index] - 0x30))
                overflow = overflow || o1 || o2
                number = added
                index += 1
            }
            if index == digitsStart { return .failure(MessageError(invalid)) }
            var unitEnd = index
            while unitEnd < bytes.count, !(bytes[unitEnd] >= 0x30 && bytes[unitEnd] <= 0x39) { unitEnd += 1 }
            let unit = bytes[index..<unitEnd]
            guard let position = units.firstIndex(where: { $0.suffix.utf8.elementsEqual(unit) }), position >= nextUnit
            else {
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
