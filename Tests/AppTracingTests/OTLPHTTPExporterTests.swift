import AppTracing
import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import TestSupport
import Testing
import Tracing

@Suite("The OTLP/HTTP exporter")
struct OTLPHTTPExporterTests {
    @Test("OTEL_EXPORTER_OTLP_ENDPOINT is read as http://host:port, traces going to /v1/traces")
    func endpoint() throws {
        let plain = try #require(OTLPEndpoint("http://127.0.0.1:4318"))
        #expect(plain.host == "127.0.0.1")
        #expect(plain.port == 4318)
        #expect(plain.tracesPath == "/v1/traces")
        #expect(OTLPEndpoint("http://tempo:4318/")?.description == "http://tempo:4318/v1/traces")
        #expect(OTLPEndpoint("http://collector/otlp")?.description == "http://collector:80/otlp/v1/traces")
        #expect(OTLPEndpoint("http://[::1]:4318")?.host == "::1")
        for bad in ["https://tempo:4318", "tempo:4318", "http://", "http://tempo:port", "http://tempo:70000"] {
            #expect(OTLPEndpoint(bad) == nil, "\(bad)")
        }
    }

    @Test("with the receiver down, the queue stays bounded and every span is dropped and counted, never kept")
    func receiverDown() async throws {
        let port = try FreePort.next()
        let drops = NIOLockedValueBox<[String: Int]>([:])
        let exporter = OTLPHTTPExporter(
            endpoint: try #require(OTLPEndpoint("http://127.0.0.1:\(port)")),
            serviceName: "test",
            capacity: 10,
            batchSize: 4,
            logger: Logger(label: "test"),
            onDrop: { count, reason in drops.withLockedValue { $0[reason.rawValue, default: 0] += count } }
        )
        let tracer = OTLPTracer(processor: exporter)
        for _ in 0..<25 {
            tracer.startSpan("GET", context: .topLevel, ofKind: .client).end()
        }
        #expect(exporter.queuedSpanCount == 10)
        #expect(drops.withLockedValue { $0 } == ["queue_full": 15])
        // The first batch fails: it is dropped with the two batches taken along with it, rather than
        // each waiting for the same refusal (or timeout).
        await exporter.exportQueued()
        #expect(drops.withLockedValue { $0 } == ["queue_full": 15, "export_failed": 10])
        #expect(exporter.queuedSpanCount == 0)
        // The queue takes spans again.
        for _ in 0..<3 { tracer.startSpan("GET", context: .topLevel, ofKind: .client).end() }
        #expect(exporter.queuedSpanCount == 3)
        await exporter.exportQueued()
        #expect(exporter.droppedSpanCount == 28)
        #expect(exporter.exportedSpanCount == 0)
    }

    @Test("a queue full of bytes drops spans too: one with a huge attribute does not grow it without limit")
    func byteBound() async throws {
        let port = try FreePort.next()
        let exporter = OTLPHTTPExporter(
            endpoint: try #require(OTLPEndpoint("http://127.0.0.1:\(port)")),
            serviceName: "test",
            capacity: 1000,
            byteCapacity: 1 << 20,
            logger: Logger(label: "test")
        )
        let tracer = OTLPTracer(processor: exporter)
        // 200 spans of 10 kB: 2 MB, twice the bytes the queue may hold, far fewer spans than it may hold.
        let large = String(repeating: "x", count: 10_000)
        for _ in 0..<200 {
            let span = tracer.startSpan("GET", context: .topLevel, ofKind: .client)
            span.attributes["payload"] = large
            span.end()
        }
        // One thread fills one shard, which stops taking spans once it holds its share of the bytes.
        let kept = exporter.queuedSpanCount
        #expect(kept > 0)
        #expect(kept * large.utf8.count <= exporter.byteCapacity)
        #expect(exporter.droppedSpanCount == 200 - kept)
    }

    @Test("spans that end while a batch is on its way wait for the next round: a busy app sends full batches")
    func exportTakesWhatIsQueuedNow() async throws {
        // A receiver that holds its first answer until the test has ended more spans.
        let (arrivals, arrived) = AsyncStream.makeStream(of: Void.self)
        let (releases, release) = AsyncStream.makeStream(of: Void.self)
        let bodies = NIOLockedValueBox(0)
        let router = Router()
        router.post("/v1/traces") { request, _ -> HTTPResponse.Status in
            _ = try await request.body.collect(upTo: 1 << 24)
            let count = bodies.withLockedValue { count in
                count += 1
                return count
            }
            if count == 1 {
                arrived.yield()
                for await _ in releases { break }
            }
            return .ok
        }
        try await Application(router: router, logger: Logger(label: "receiver")).withLoopbackServer { client in
            let exporter = try Self.exporter(toPort: client.port, capacity: 100, batchSize: 10)
            let tracer = OTLPTracer(processor: exporter)
            for _ in 0..<10 { tracer.startSpan("GET", context: .topLevel, ofKind: .client).end() }
            async let export: Void = exporter.exportQueued()
            for await _ in arrivals { break }
            for _ in 0..<5 { tracer.startSpan("SET", context: .topLevel, ofKind: .client).end() }
            release.yield()
            await export
            // Before, the exporter went on with the 5 new spans at once: under load, a batch per request.
            #expect(exporter.exportedSpanCount == 10)
            #expect(exporter.queuedSpanCount == 5)
            #expect(bodies.withLockedValue { $0 } == 1)
            await exporter.exportQueued()
            #expect(exporter.exportedSpanCount == 15)
            #expect(bodies.withLockedValue { $0 } == 2)
        }
    }

    @Test("spans ended by many threads at once: the queue holds exactly its capacity, and each is sent once")
    func manyThreads() async throws {
        let received = NIOLockedValueBox<[String]>([])
        let router = Router()
        router.post("/v1/traces") { request, _ -> HTTPResponse.Status in
            #expect(request.headers[.contentType] == "application/x-protobuf")
            let spans = try await Self.decodedSpans(try await request.body.collect(upTo: 1 << 24))
            received.withLockedValue { $0 += spans.compactMap { OfficialOTLP.hex($0["spanId"]) } }
            return .ok
        }
        try await Application(router: router, logger: Logger(label: "receiver")).withLoopbackServer { client in
            let exporter = try Self.exporter(toPort: client.port, capacity: 1000, batchSize: 300)
            let tracer = OTLPTracer(processor: exporter)
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<500 { tracer.startSpan("GET", context: .topLevel, ofKind: .client).end() }
                    }
                }
            }
            #expect(exporter.queuedSpanCount == 1000)
            #expect(exporter.droppedSpanCount == 3000)
            await exporter.exportQueued()
            let ids = received.withLockedValue { $0 }
            #expect(ids.count == 1000)
            #expect(Set(ids).count == 1000)
            #expect(exporter.exportedSpanCount == 1000)
            #expect(exporter.queuedSpanCount == 0)
        }
    }

    @Test("batches are encoded in memory the exporter keeps: a small one after a large one holds only its own spans")
    func smallBatchAfterLargeOne() async throws {
        let bodies = NIOLockedValueBox<[[String]]>([])
        let router = Router()
        router.post("/v1/traces") { request, _ -> HTTPResponse.Status in
            let spans = try await Self.decodedSpans(try await request.body.collect(upTo: 1 << 24))
            bodies.withLockedValue { $0.append(spans.compactMap { $0["name"] as? String }) }
            return .ok
        }
        try await Application(router: router, logger: Logger(label: "receiver")).withLoopbackServer { client in
            let exporter = try Self.exporter(toPort: client.port, capacity: 1000, batchSize: 500)
            let tracer = OTLPTracer(processor: exporter)
            for _ in 0..<500 {
                let span = tracer.startSpan("GET", context: .topLevel, ofKind: .client)
                span.attributes["key"] = String(repeating: "k", count: 100)
                span.end()
            }
            await exporter.exportQueued()
            for _ in 0..<2 { tracer.startSpan("SET", context: .topLevel, ofKind: .client).end() }
            await exporter.exportQueued()
            let received = bodies.withLockedValue { $0 }
            #expect(received.count == 2)
            #expect(received.first == Array(repeating: "GET", count: 500))
            #expect(received.last == ["SET", "SET"])
            #expect(exporter.exportedSpanCount == 502)
        }
    }

    /// The spans of a request body, as the official classes decode it (its first resource and scope).
    private static func decodedSpans(_ body: ByteBuffer) async throws -> [[String: Any]] {
        let document = try await OfficialOTLP.decode(body)
        let resourceSpans = document["resourceSpans"] as? [[String: Any]] ?? []
        let scopeSpans = resourceSpans.first?["scopeSpans"] as? [[String: Any]] ?? []
        return scopeSpans.first?["spans"] as? [[String: Any]] ?? []
    }

    /// An exporter to a receiver on 127.0.0.1 at `port`.
    private static func exporter(toPort port: Int, capacity: Int, batchSize: Int) throws -> OTLPHTTPExporter {
        OTLPHTTPExporter(
            endpoint: try #require(OTLPEndpoint("http://127.0.0.1:\(port)")),
            serviceName: "test",
            capacity: capacity,
            batchSize: batchSize,
            logger: Logger(label: "test")
        )
    }
}
