import AppTracing
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes each log line as one JSON object on one line, for a log store to read without a parser of ours:
///
/// ```json
/// {"time":"2026-12-07T03:41:12.345Z","level":"info","message":"request","service":"redis-app","method":"GET",...}
/// ```
///
/// `time` (UTC, milliseconds), `level`, `message` and `service` come first; then the metadata of the
/// metadata provider (the trace's `trace_id` and `span_id`), of the logger and of the line, the line's
/// own winning on a shared key. A metadata key that would repeat one of the first four is written as
/// `meta_<key>`. Values made from numbers or booleans (`.stringConvertible(200)`) are written as JSON
/// numbers and booleans; lists and dictionaries as arrays and objects.
public struct JSONLogHandler: LogHandler {
    /// The logger's own metadata, merged into each line written.
    public var metadata: Logger.Metadata = [:]
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level = .info
    /// The metadata provider whose values are added to each line written.
    public var metadataProvider: Logger.MetadataProvider?

    private let service: String
    private let output: @Sendable (String) -> Void

    /// A handler for the app `service`, writing lines to standard error (each in one `write`).
    public init(service: String, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(service: service, metadataProvider: metadataProvider, write: writeToStandardError)
    }

    /// A handler for the app `service`, giving each line (with its newline) to `write`.
    public init(
        service: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        write: @escaping @Sendable (String) -> Void
    ) {
        self.service = service
        self.metadataProvider = metadataProvider
        self.output = write
    }

    /// One item of the logger's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the line.
    public func log(event: LogEvent) {
        var merged = metadataProvider?.get() ?? [:]
        if !metadata.isEmpty { merged.merge(metadata) { _, own in own } }
        if let own = event.metadata, !own.isEmpty { merged.merge(own) { _, own in own } }
        var line = #"{"time":""#
        line += Self.timestamp()
        line += #"","level":""#
        line += event.level.rawValue
        line += #"","message":"#
        line += event.message.description.jsonQuoted
        line += #","service":"#
        line += service.jsonQuoted
        for key in merged.keys.sorted() {
            guard let value = merged[key] else { continue }
            line += ","
            line += (Self.reservedKeys.contains(key) ? "meta_" + key : key).jsonQuoted
            line += ":"
            Self.append(value, to: &line)
        }
        line += "}\n"
        output(line)
    }

    private static let reservedKeys: Set<String> = ["time", "level", "message", "service"]

    private static func append(_ value: Logger.Metadata.Value, to line: inout String) {
        switch value {
        case .string(let text):
            line += text.jsonQuoted
        case .stringConvertible(let item):
            switch item {
            case let number as any BinaryInteger: line += "\(number)"
            case let number as Double where number.isFinite: line += "\(number)"
            case let flag as Bool: line += flag ? "true" : "false"
            default: line += item.description.jsonQuoted
            }
        case .array(let values):
            line += "["
            for (index, item) in values.enumerated() {
                if index > 0 { line += "," }
                append(item, to: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                line += key.jsonQuoted
                line += ":"
                if let item = values[key] { append(item, to: &line) }
            }
            line += "}"
        }
    }

    /// Now, as `2026-12-07T03:41:12.345Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let milliseconds = Int(now.tv_nsec) / 1_000_000
        let millisecondText =
            milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : "\(milliseconds)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(millisecondText)Z"
    }
}

/// Writes `line` to standard error, in one `write(2)` when the system takes it whole.
private func writeToStandardError(_ line: String) {
    var line = line
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}
