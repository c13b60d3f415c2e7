// The exposition parser, fed arbitrary bytes: it must return families or throw an ExpositionError
// whose line and column point into the input, never crash or hang. Families it returns must hold
// only names the grammar allows, and, written back out in the text format, parse to the same families.
//
// fuzz-sources: Sources/Exposition
// fuzz-seeds: fuzz/exposition-seeds.json text
// fuzz-dict: fuzz/exposition.dict

import Exposition

@_cdecl("LLVMFuzzerTestOneInput")
public func expositionFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let families: [MetricFamily]
    do {
        families = try ExpositionParser.parse(text)
    } catch {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard error.line >= 1, error.line <= lines.count else {
            fatalError("error line \(error.line) outside 1...\(lines.count) for \(String(reflecting: text)): \(error)")
        }
        guard error.column >= 1, error.column <= lines[error.line - 1].count + 1 else {
            fatalError(
                "error column \(error.column) outside line \(error.line) of \(String(reflecting: text)): \(error)"
            )
        }
        return 0
    }
    for family in families {
        check(isMetricName(family.name), "family name \(String(reflecting: family.name))", text)
        for sample in family.samples {
            check(isMetricName(sample.name), "sample name \(String(reflecting: sample.name))", text)
            for name in sample.labels.keys {
                check(isLabelName(name), "label name \(String(reflecting: name))", text)
            }
        }
    }
    let written = write(families)
    let reparsed: [MetricFamily]
    do {
        reparsed = try ExpositionParser.parse(written)
    } catch {
        fatalError(
            "families of \(String(reflecting: text)) written as \(String(reflecting: written)) do not parse: \(error)"
        )
    }
    check(same(families, reparsed), "families written as \(String(reflecting: written)) parse differently", text)
    return 0
}

private func check(_ condition: Bool, _ what: @autoclosure () -> String, _ input: String) {
    if !condition { fatalError("\(what()) for input \(String(reflecting: input))") }
}

/// metric_name = [a-zA-Z_:][a-zA-Z0-9_:]*
private func isMetricName(_ name: String) -> Bool {
    guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
    else { return false }
    return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":") }
}

/// label_name = [a-zA-Z_][a-zA-Z0-9_]*
private func isLabelName(_ name: String) -> Bool {
    guard let first = name.utf8.first, isLetter(first) || first == UInt8(ascii: "_") else { return false }
    return name.utf8.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
}

private func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
}

private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

/// The families in the text format: HELP and TYPE first, then the samples in order.
private func write(_ families: [MetricFamily]) -> String {
    var out = ""
    for family in families {
        if let help = family.help {
            out += "# HELP \(family.name) \(escape(help, quotes: false))\n"
        }
        out += "# TYPE \(family.name) \(family.type.rawValue)\n"
        for sample in family.samples {
            out += sample.name
            if !sample.labels.isEmpty {
                let labels = sample.labels.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\"\(escape($0.value, quotes: true))\"" }
                out += "{" + labels.joined(separator: ",") + "}"
            }
            out += " " + format(sample.value)
            if let timestamp = sample.timestamp { out += " \(timestamp)" }
            out += "\n"
        }
    }
    return out
}

private func escape(_ text: String, quotes: Bool) -> String {
    // Scalar by scalar: `"` followed by a combining mark is one Character that is not equal to `"`.
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\"" where quotes: out += "\\\""
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}

private func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value == .infinity { return "+Inf" }
    if value == -.infinity { return "-Inf" }
    return "\(value)"
}

private func same(_ a: [MetricFamily], _ b: [MetricFamily]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        guard x.name == y.name, x.type == y.type, x.help == y.help, x.samples.count == y.samples.count else {
            return false
        }
        for (s, t) in zip(x.samples, y.samples) {
            guard s.name == t.name, s.labels == t.labels, s.timestamp == t.timestamp else { return false }
            guard s.value == t.value || (s.value.isNaN && t.value.isNaN) else { return false }
        }
    }
    return true
}
