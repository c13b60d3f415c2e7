import AppCore
import AppTracing
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Tracing

/// Collects the lines a `JSONLogHandler` writes.
private final class WrittenLines: Sendable {
    private let box = NIOLockedValueBox<[String]>([])
    var all: [String] { box.withLockedValue { $0 } }
    func append(_ line: String) { box.withLockedValue { $0.append(line) } }
}

private func object(_ line: String) throws -> [String: Any] {
    #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil, "not one line: \(line)")
    let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return try #require(parsed, "not a JSON object: \(line)")
}

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    @Test("one object per line: time, level, message, service, then the metadata, numbers as numbers")
    func fields() throws {
        let lines = WrittenLines()
        var logger = Logger(label: "redis-app") { _ in
            JSONLogHandler(service: "redis-app") { lines.append($0) }
        }
        logger.logLevel = .info
        logger.debug("dropped")
        logger[metadataKey: "hb.request.id"] = "7"
        logger.warning(
            "redis is \"slow\"\nreally",
            metadata: [
                "status": .stringConvertible(503), "duration_ms": .stringConvertible(12.5),
                "message": "collides", "keys": ["a", "b"],
            ]
        )
        try #require(lines.all.count == 1)
        let fields = try object(lines.all[0])
        #expect(fields["level"] as? String == "warning")
        #expect(fields["message"] as? String == "redis is \"slow\"\nreally")
        #expect(fields["service"] as? String == "redis-app")
        #expect(fields["hb.request.id"] as? String == "7")
        #expect(fields["status"] as? Int == 503)
        #expect(fields["duration_ms"] as? Double == 12.5)
        #expect(fields["meta_message"] as? String == "collides")
        #expect(fields["keys"] as? [String] == ["a", "b"])
        let time = try #require(fields["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z"), "\(time)")
        #expect(ISO8601DateFormatter.withFractionalSeconds.date(from: time) != nil, "\(time)")
    }

    @Test("while a span is active, the line carries its trace_id and span_id")
    func traceIDs() throws {
        let lines = WrittenLines()
        let logger = Logger(label: "redis-app") { _ in
            JSONLogHandler(service: "redis-app", metadataProvider: .traceIDs) { lines.append($0) }
        }
        let tracer = OTLPTracer(processor: nil)
        let span = tracer.startSpan("/", context: .topLevel, ofKind: .server)
        ServiceContext.$current.withValue(span.context) {
            logger.info("inside")
        }
        logger.info("outside")
        let inside = try object(lines.all[0])
        let outside = try object(lines.all[1])
        let trace = try #require(span.context.traceContext)
        #expect(inside["trace_id"] as? String == trace.traceID.description)
        #expect(inside["span_id"] as? String == trace.spanIDHex)
        #expect(outside["trace_id"] == nil)
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
