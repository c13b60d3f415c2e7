/// Writes lines of the Prometheus text format 0.0.4 into a byte buffer, escaping as the format requires.
enum ExpositionWriter {
    /// Appends `# HELP name help` (escaping `\` and line feeds) and `# TYPE name type`.
    static func appendHeader(name: String, help: String, type: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "# HELP ".utf8)
        buffer.append(contentsOf: name.utf8)
        buffer.append(UInt8(ascii: " "))
        for byte in help.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): buffer.append(contentsOf: #"\n"#.utf8)
            default: buffer.append(byte)
            }
        }
        buffer.append(contentsOf: "\n# TYPE ".utf8)
        buffer.append(contentsOf: name.utf8)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: type.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Renders `{a="1",b="2"}` (empty when there are no labels), escaping `\`, `"` and line feeds in values.
    static func renderLabels(_ labels: [(String, String)]) -> [UInt8] {
        guard !labels.isEmpty else { return [] }
        var rendered: [UInt8] = [UInt8(ascii: "{")]
        for (index, (name, value)) in labels.enumerated() {
            if index > 0 { rendered.append(UInt8(ascii: ",")) }
            rendered.append(contentsOf: name.utf8)
            rendered.append(contentsOf: #"=""#.utf8)
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): rendered.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\""): rendered.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\n"): rendered.append(contentsOf: #"\n"#.utf8)
                default: rendered.append(byte)
                }
            }
            rendered.append(UInt8(ascii: "\""))
        }
        rendered.append(UInt8(ascii: "}"))
        return rendered
    }

    /// Appends `name+suffix{labels} value`.
    static func appendSample(
        name: String,
        suffix: String,
        renderedLabels: [UInt8],
        value: Double,
        to buffer: inout [UInt8]
    ) {
        buffer.append(contentsOf: name.utf8)
        buffer.append(contentsOf: suffix.utf8)
        buffer.append(contentsOf: renderedLabels)
        buffer.append(UInt8(ascii: " "))
        buffer.append(contentsOf: format(value).utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Formats a value as the text format spells it: integers without a fraction, `+Inf`, `-Inf`, `NaN`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
