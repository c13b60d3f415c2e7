/// The ways Grafana lets a query name a variable: `$name`, `${name}`, `${name:format}`, `[[name]]`
/// and `[[name:format]]`.
public enum VariableSyntax {
    /// One variable reference found in a text.
    public struct Reference: Sendable, Equatable {
        /// The variable's name (`__rate_interval`, `job`).
        public var name: String
        /// The format after a colon (`regex`, `csv`, `pipe`, ...), if written.
        public var format: String?
        /// The UTF-8 offsets of the whole reference in the text.
        public var range: Range<Int>
    }

    /// Every reference in `text`, in order.
    public static func references(in text: String) -> [Reference] {
        let bytes = Array(text.utf8)
        var found: [Reference] = []
        var index = 0
        while index < bytes.count {
            if let reference = reference(in: bytes, at: index) {
                found.append(reference)
                index = reference.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// The variable's name when `text` is exactly one reference (`$datasource`, `${DS_PROMETHEUS}`).
    public static func wholeReference(in text: String) -> String? {
        let bytes = Array(text.utf8)
        guard let reference = reference(in: bytes, at: 0), reference.range.upperBound == bytes.count else {
            return nil
        }
        return reference.name
    }

    static func reference(in bytes: [UInt8], at start: Int) -> Reference? {
        guard start < bytes.count else { return nil }
        if bytes[start] == UInt8(ascii: "$") {
            var index = start + 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                // ${name} or ${name:format} (also ${name.field}, kept whole).
                index += 1
                let nameStart = index
                while index < bytes.count, isNameByte(bytes[index]) || bytes[index] == UInt8(ascii: ".") { index += 1 }
                guard index > nameStart else { return nil }
                let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
                var format: String?
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                    let formatStart = index + 1
                    index = formatStart
                    while index < bytes.count, bytes[index] != UInt8(ascii: "}") { index += 1 }
                    format = String(decoding: bytes[formatStart..<min(index, bytes.count)], as: UTF8.self)
                }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return nil }
                return Reference(name: name, format: format, range: start..<(index + 1))
            }
            let nameStart = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart else { return nil }
            return Reference(
                name: String(decoding: bytes[nameStart..<index], as: UTF8.self),
                format: nil,
                range: start..<index
            )
        }
        if bytes[start] == UInt8(ascii: "["), start + 1 < bytes.count, bytes[start + 1] == UInt8(ascii: "[") {
            var index = start + 2
            let nameStart = index
            while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
            guard index > nameStart else { return nil }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            var format: String?
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                let formatStart = index + 1
                index = formatStart
                while index < bytes.count, bytes[index] != UInt8(ascii: "]") { index += 1 }
                format = String(decoding: bytes[formatStart..<min(index, bytes.count)], as: UTF8.self)
            }
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "]"), bytes[index + 1] == UInt8(ascii: "]")
            else { return nil }
            return Reference(name: name, format: format, range: start..<(index + 2))
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }
}
