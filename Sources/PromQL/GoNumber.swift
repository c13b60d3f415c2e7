/// Number conversions as Go's `strconv` performs them for PromQL: `ParseInt(s, 0, 64)` with a fall-back to
/// `ParseFloat(s, 64)`, and `FormatFloat(f, 'f', -1, 64)` for printing.
enum GoNumber {
    /// Parses a number token as Prometheus's parser does; on failure returns the message Prometheus gives.
    static func parse(_ text: String) -> Result<Double, MessageError> {
        if let integer = parseInt(text) { return .success(Double(integer)) }
        return parseFloat(text)
    }

    /// `strconv.ParseInt(text, 0, 64)`: decimal, `0x` hexadecimal, `0o`/leading-zero octal, `0b` binary.
    private static func parseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var base: Int64 = 10
        let lower = text.lowercased()
        if lower.hasPrefix("0x") {
            base = 16
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            base = 8
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            base = 2
            body = body.dropFirst(2)
        } else if text.hasPrefix("0") && text.count > 1 {
            base = 8
            body = body.dropFirst(1)
        }
        guard underscoresAreValid(text) else { return nil }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for character in digits {
            guard let digit = character.hexDigitValue, Int64(digit) < base else { return nil }
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: base)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(digit))
            if overflow1 || overflow2 { return nil }
            value = added
        }
        return value
    }

    /// Go's `underscoreOK`: each `_` sits between digits, or after a base prefix.
    private static func underscoresAreValid(_ text: String) -> Bool {
        guard text.contains("_") else { return true }
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
        let invalid = "strconv.ParseFloat: parsing \(GoQuote.quote(text)): invalid syntax"
        let lower = text.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .success(Double.infinity)
        case "-inf", "-infinity": return .success(-Double.infinity)
        case "nan": return .success(Double.nan)
        default: break
        }
        guard underscoresAreValid(text), !lower.hasPrefix("0x") else { return .failure(MessageError(invalid)) }
        let cleaned = text.filter { $0 != "_" }
        var sawDigit = false
        var sawDot = false
        var sawExponent = false
        var exponentDigits = false
        var previous: Character = " "
        for character in cleaned {
            switch character {
            case "0"..."9":
                if sawExponent { exponentDigits = true } else { sawDigit = true }
            case ".":
                if sawDot || sawExponent { return .failure(MessageError(invalid)) }
                sawDot = true
            case "e", "E":
                if sawExponent || !sawDigit { return .failure(MessageError(invalid)) }
                sawExponent = true
            case "+", "-":
                if previous != "e" && previous != "E" { return .failure(MessageError(invalid)) }
            default:
                return .failure(MessageError(invalid))
            }
            previous = character
        }
        if !sawDigit || (sawExponent && !exponentDigits) { return .failure(MessageError(invalid)) }
        guard let value = Double(cleaned) else { return .failure(MessageError(invalid)) }
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
