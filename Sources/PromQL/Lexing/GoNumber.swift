/// Number conversions as Go's `strconv` performs them for PromQL: `ParseInt(s, 0, 64)` with a fall-back to
/// `ParseFloat(s, 64)`, and `FormatFloat(f, 'f', -1, 64)` for printing.
enum GoNumber {
    /// Parses a number token as Prometheus's parser does; on failure returns the message Prometheus gives.
    static func parse(_ text: String) -> Result<Double, MessageError> {
        // Fast path: plain decimal digits without a leading zero.
        let utf8 = text.utf8
        if utf8.count <= 15, let first = utf8.first, first != UInt8(ascii: "0") || utf8.count == 1,
            utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            var value: Int64 = 0
            for byte in utf8 { value = value * 10 + Int64(byte - UInt8(ascii: "0")) }
            return .success(Double(value))
        }
        if let integer = parseInt(text) { return .success(Double(integer)) }
        return parseFloat(text)
    }

    /// `strconv.ParseInt(text, 0, 64)`: decimal, `0x` hexadecimal, `0o`/leading-zero octal, `0b` binary.
    private static func parseInt(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        var index = 0
        var base: Int64 = 10
        if bytes.count > 1 && bytes[0] == UInt8(ascii: "0") {
            switch bytes[1] | 0x20 {
            case UInt8(ascii: "x"): (base, index) = (16, 2)
            case UInt8(ascii: "o"): (base, index) = (8, 2)
            case UInt8(ascii: "b"): (base, index) = (2, 2)
            default: (base, index) = (8, 1)
            }
        }
        if bytes.contains(UInt8(ascii: "_")) && !underscoresAreValid(text) { return nil }
        var value: Int64 = 0
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "_") { continue }
            let digit: Int64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: base)
            let (added, overflow2) = multiplied.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = added
            sawDigit = true
        }
        return sawDigit ? value : nil
    }

    /// Go's `underscoreOK`: each `_` sits between digits, or after a base prefix.
    private static func underscoresAreValid(_ text: String) -> Bool {
        let characters = Array(text.lowercased())
        var index = 0
        var previous: Character = "^"
        var hex = false
        if characters.count >= 2, characters[0] == "0", "xob".contains(characters[1]) {
            index = 2
            previous = "0"
            hex = characters[1] == "x"
        }
        while index < characters.count {
            let character = characters[index]
            if character.isASCII && (character.isNumber || (hex && character.isHexDigit)) {
                previous = "0"
            } else if character == "_" {
                if previous != "0" { return false }
                previous = "_"
            } else {
                if previous == "_" { return false }
                previous = "!"
            }
            index += 1
        }
        return previous != "_"
    }

    /// `strconv.ParseFloat(text, 64)` for the decimal forms and `Inf`/`NaN`.
    private static func parseFloat(_ text: String) -> Result<Double, MessageError> {
        func invalid() -> Result<Double, MessageError> {
            .failure(MessageError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): invalid syntax"))
        }
        let bytes = Array(text.utf8)
        if bytes.count <= 9, let first = bytes.first,
            (first | 0x20) == UInt8(ascii: "i") || (first | 0x20) == UInt8(ascii: "n")
                || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        {
            switch text.lowercased() {
            case "inf", "+inf", "infinity", "+infinity": return .success(Double.infinity)
            case "-inf", "-infinity": return .success(-Double.infinity)
            case "nan": return .success(Double.nan)
            default: break
            }
        }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") { return invalid() }
        var cleaned = bytes
        if bytes.contains(UInt8(ascii: "_")) {
            guard underscoresAreValid(text) else { return invalid() }
            cleaned.removeAll { $0 == UInt8(ascii: "_") }
        }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var exponentDigits = false
        var previous: UInt8 = 0
        for byte in cleaned {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigits = true } else { sawDigit = true }
            case UInt8(ascii: "."):
                if sawDot || sawExponent { return invalid() }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if sawExponent || !sawDigit { return invalid() }
                sawExponent = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if previous | 0x20 != UInt8(ascii: "e") { return invalid() }
            default:
                return invalid()
            }
            previous = byte
        }
        if !sawDigit || (sawExponent && !exponentDigits) { return invalid() }
        guard let value = Double(String(decoding: cleaned, as: UTF8.self)) else { return invalid() }
        if value.isInfinite {
            return .failure(MessageError("strconv.ParseFloat: parsing \(GoQuote.quote(text)): value out of range"))
        }
        return .success(value)
    }

    /// `strconv.FormatFloat(value, 'f', -1, 64)`: the shortest digits that round-trip, never an exponent.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let description = "\(abs(value))"
        let negative = value < 0
        var mantissa = description
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(description[..<e])
            exponent = Int(description[description.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = String(mantissa[..<dot])
            fractionPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = integerPart + fractionPart
        var pointPosition = integerPart.count + exponent
        // Trim leading zeros while keeping the point position meaningful.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        var result: String
        if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count)
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = String(digits[..<index]) + "." + String(digits[index...])
        }
        return negative ? "-" + result : result
    }
}
