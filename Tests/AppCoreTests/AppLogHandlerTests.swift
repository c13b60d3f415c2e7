import AppCore
import Logging
import NIOConcurrencyHelpers
import Testing

/// Collects what a `StreamLogHandler` writes.
private final class Lines: TextOutputStream, Sendable {
    private let box = NIOLockedValueBox<[String]>([])
    var all: [String] { box.withLockedValue { $0 } }
    func write(_ string: String) { box.withLockedValue { $0.append(string) } }
}

/// A line without its timestamp (everything up to the first space).
private func untimed(_ line: String) -> Substring {
    line.drop { $0 != " " }
}

@Suite("The apps' log handler")
struct AppLogHandlerTests {
    /// The same logging through `StreamLogHandler` and through `AppLogHandler` over one: the same lines.
    @Test("writes what StreamLogHandler writes, the logger's metadata and the line's merged")
    func sameLinesAsStreamLogHandler() {
        let plain = Lines()
        let deferred = Lines()
        var loggers = [
            Logger(label: "redis-app") { StreamLogHandler(label: $0, stream: plain, metadataProvider: nil) },
            Logger(label: "redis-app") {
                AppLogHandler(stream: StreamLogHandler(label: $0, stream: deferred, metadataProvider: nil))
            },
        ]
        for index in loggers.indices {
            loggers[index].logLevel = .notice
            loggers[index].info("dropped: below the level")
            loggers[index][metadataKey: "hb.request.id"] = "42"
            loggers[index][metadataKey: "zone"] = "a"
            loggers[index].notice("redis is down", metadata: ["zone": "b", "address": "127.0.0.1:6379"])
            loggers[index][metadataKey: "zone"] = nil
            loggers[index].error("plain line")
        }
        #expect(deferred.all.count == 2)
        #expect(deferred.all.map(untimed) == plain.all.map(untimed))
        #expect(
            deferred.all.first.map(untimed)
                == #" notice redis-app: address=127.0.0.1:6379 hb.request.id=42 zone=b [AppCoreTests] redis is down\#n"#
        )
        #expect(deferred.all.last.map(untimed) == " error redis-app: hb.request.id=42 [AppCoreTests] plain line\n")
    }

    @Test("a copy of the logger keeps its own metadata")
    func copiesAreIndependent() {
        let lines = Lines()
        var first = Logger(label: "app") {
            AppLogHandler(stream: StreamLogHandler(label: $0, stream: lines, metadataProvider: nil))
        }
        first[metadataKey: "request"] = "1"
        var second = first
        second[metadataKey: "request"] = "2"
        first.info("one")
        second.info("two")
        #expect(
            lines.all.map(untimed) == [
                " info app: request=1 [AppCoreTests] one\n", " info app: request=2 [AppCoreTests] two\n",
            ]
        )
    }
}
