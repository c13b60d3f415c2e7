// Times what tracing adds to one request, piece by piece, in one thread and without the network:
// the server span alone and through the apps' middleware (ServerSpanMiddleware, and Hummingbird's
// TracingMiddleware which it replaced, each against the same handler without it), the client span as
// `withSpan` makes it (through `any Tracer`, as a handler's code does), handing both to a queue,
// encoding them as OTLP protobuf, and the two task-local values a traced request sets. The exporter
// encodes each span as it ends, on the thread that ended it: what a span costs there is its row plus
// the encoding row (which also allocates the body each time, as the exporter does not). Prints a
// table of microseconds per operation (the median of 5 runs), to compare with the CPU a request costs
// (bench/tracing-overhead).
//
// Usage: tracing-bench [--count N]   (default 200000 operations per run)

import AppCore
import AppTracing
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOEmbedded
import ServiceContextModule
import Tracing

let count: Int = {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--count"), index + 1 < arguments.count,
        let value = Int(arguments[index + 1]), value > 0
    else { return 200_000 }
    return value
}()

/// Queues the spans it is handed under a lock and empties the queue every 1,024 spans (a stand-in for
/// the exporter's queue, whose encoding the encoding row times).
final class BatchingProcessor: SpanProcessor, @unchecked Sendable {
    private let queue = NIOLockedValueBox<[FinishedSpan]>([])
    func spanEnded(_ span: FinishedSpan) {
        queue.withLockedValue { queue in
            queue.append(span)
            if queue.count == 1024 { queue.removeAll(keepingCapacity: true) }
        }
    }
}

/// Keeps the spans it is handed, up to a cap, for the encoding row.
final class KeepingProcessor: SpanProcessor, @unchecked Sendable {
    private(set) var spans: [FinishedSpan] = []
    func spanEnded(_ span: FinishedSpan) {
        if spans.count < 4096 { spans.append(span) }
    }
}

/// Microseconds per operation of `body` run `count` times: the median of 5 runs.
func measure(_ body: (Int) async -> Void) async -> Double {
    var runs: [Double] = []
    for _ in 0..<5 {
        let start = ContinuousClock.now
        await body(count)
        let (seconds, attoseconds) = start.duration(to: .now).components
        runs.append((Double(seconds) * 1e6 + Double(attoseconds) / 1e12) / Double(count))
    }
    return runs.sorted()[2]
}

func serverSpan(_ tracer: OTLPTracer) {
    // As ServerSpanMiddleware makes it: the caller's context passed along, the attributes as a list.
    let span = tracer.startSpan("GET", parent: nil, context: .topLevel, ofKind: .server)
    span.addAttributes { attributes in
        attributes.append(("http.request.method", .string("GET")))
        attributes.append(("url.path", .string("/items/user:1")))
    }
    span.operationName = "/items/{key}"
    span.addAttributes { attributes in
        attributes.append(("http.route", .string("/items/{key}")))
        attributes.append(("http.response.status_code", .int64(200)))
    }
    span.end()
}

func clientSpan(_ tracer: any Tracer) {
    let span = tracer.startSpan("GET", context: .topLevel, ofKind: .client)
    span.attributes["db.system.name"] = "redis"
    span.attributes["db.operation.name"] = "GET"
    span.attributes["server.address"] = "127.0.0.1"
    span.attributes["server.port"] = 6379
    span.end()
}

/// Runs every measure off the main actor, where a request's handler runs (top-level code is on the
/// main actor, and every await from it would be a hop to another thread).
func run() async {
    let queued = OTLPTracer(processor: BatchingProcessor())
    let kept = KeepingProcessor()
    let keeping = OTLPTracer(processor: kept)
    for _ in 0..<512 {
        serverSpan(keeping)
        clientSpan(keeping)
    }
    let encoder = OTLPProtobufEncoder(serviceName: "bench")
    let batch = kept.spans
    let bodyBytes = encoder.encode(batch).readableBytes

    var rows: [(String, Double)] = []
    rows.append(("server span, 4 attributes, queued", await measure { n in for _ in 0..<n { serverSpan(queued) } }))
    rows.append(
        (
            "client span via any Tracer, 4 attributes, queued",
            await measure { n in for _ in 0..<n { clientSpan(queued) } }
        )
    )
    rows.append(
        (
            "unsampled server span (nothing recorded)",
            await measure { n in
                let parent = TraceContext(traceID: TraceID(high: 1, low: 2), spanID: 3, isSampled: false)
                var context = ServiceContext.topLevel
                context.traceContext = parent
                for _ in 0..<n { queued.startSpan("GET", context: context, ofKind: .server).end() }
            }
        )
    )
    let perSpan =
        await measure { n in
            var total = 0
            for _ in 0..<max(n / batch.count, 1) { total &+= encoder.encode(batch).readableBytes }
            precondition(total > 0)
        } * Double(count) / Double(max(count / batch.count, 1) * batch.count)
    rows.append(("OTLP protobuf encoding, per span (\(bodyBytes / batch.count) bytes)", perSpan))
    rows.append(
        (
            "TraceParent.parse",
            await measure { n in
                for _ in 0..<n {
                    precondition(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") != nil)
                }
            }
        )
    )
    var context = ServiceContext.topLevel
    context.traceContext = TraceContext(traceID: TraceID(high: 1, low: 2), spanID: 3, isSampled: true)
    let bound = context
    rows.append(
        (
            "ServiceContext.$current.withValue (async)",
            await measure { n in
                for _ in 0..<n { await ServiceContext.$current.withValue(bound) { await nothing() } }
            }
        )
    )
    rows.append(
        (
            "withTracer (async)",
            await measure { n in
                for _ in 0..<n { await withTracer(queued) { await nothing() } }
            }
        )
    )

    let requestContext = AppRequestContext(
        source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "bench"))
    )
    let request = Request(
        head: HTTPRequest(
            method: .get,
            scheme: "http",
            authority: "127.0.0.1",
            path: "/items/user:1",
            headerFields: [
                .userAgent: "wrk",
                HTTPField.Name("traceparent")!: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            ]
        ),
        body: RequestBody(buffer: ByteBuffer())
    )
    let handler: @Sendable (Request, AppRequestContext) async throws -> Response = { _, _ in
        Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
    }
    let middleware = ServerSpanMiddleware<AppRequestContext>(tracer: queued)
    let hummingbird = TracingMiddleware<AppRequestContext>()
    let bare = await measure { n in for _ in 0..<n { _ = try? await handler(request, requestContext) } }
    let traced = await measure { n in
        for _ in 0..<n { _ = try? await middleware.handle(request, context: requestContext, next: handler) }
    }
    // Hummingbird's middleware, with the tracer made current as the apps did before ServerSpanMiddleware
    // (the span ends when the response, dropped here, releases its body).
    let viaHummingbird = await measure { n in
        for _ in 0..<n {
            _ = try? await withTracer(queued) {
                try await hummingbird.handle(request, context: requestContext, next: handler)
            }
        }
    }
    rows.append(("request through ServerSpanMiddleware, less the bare handler", traced - bare))
    rows.append(
        ("request through Hummingbird's TracingMiddleware in withTracer, less the bare handler", viaHummingbird - bare)
    )

    print("Tracing, piece by piece (one thread, release build, median of 5 runs of \(count)):")
    print("| operation | µs per operation |")
    print("| --- | ---: |")
    for (name, value) in rows { print("| \(name) | \((value * 1000).rounded() / 1000) |") }
}

@inline(never) func nothing() async {}

await Task.detached { await run() }.value
