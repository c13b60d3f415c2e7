import Atomics
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Sends ended spans to an OTLP/HTTP receiver in protobuf (`POST <endpoint>/v1/traces`), in batches.
///
/// Spans wait in a bounded queue, encoded as they end (``SpanQueue`` says why): when it is full (the
/// receiver is down or slow), a new span is dropped and counted, never buffered without limit, and the
/// request that made it is not slowed down. A batch the receiver does not accept (no connection, a
/// timeout, a status other than 2xx) is dropped and counted too, with the batches taken along with it.
/// `onDrop` is told every drop, for a counter on `/metrics`.
///
/// It is a `Service`: it sends a batch every `interval`, or sooner when a batch is full (it looks every 50 ms), and sends what
/// is queued once more at graceful shutdown.
public final class OTLPHTTPExporter: SpanProcessor, Service {
    /// Where spans go.
    public let endpoint: OTLPEndpoint
    /// The most spans waiting at once.
    public let capacity: Int
    /// The most spans in one request.
    public let batchSize: Int
    /// The longest a span waits before a batch is sent.
    public let interval: Duration
    /// The longest one request may take.
    public let timeout: TimeAmount
    /// The most bytes of encoded spans waiting at once.
    public var byteCapacity: Int { queue.byteCapacity }

    private let queue: SpanQueue
    private let dropped = ManagedAtomic<Int>(0)
    private let exported = ManagedAtomic<Int>(0)
    private let onDrop: @Sendable (_ count: Int, _ reason: DropReason) -> Void
    private let logger: Logger
    private let encoder: OTLPProtobufEncoder
    private let scratch = BodyScratch()

    /// Why spans were dropped.
    public enum DropReason: String, Sendable {
        /// The queue was full.
        case queueFull = "queue_full"
        /// The receiver did not accept the batch.
        case exportFailed = "export_failed"
    }

    /// Makes an exporter of `serviceName`'s spans to `endpoint`.
    public init(
        endpoint: OTLPEndpoint,
        serviceName: String,
        capacity: Int = 8192,
        byteCapacity: Int = 16 << 20,
        batchSize: Int = 1024,
        interval: Duration = .seconds(1),
        timeout: TimeAmount = .seconds(2),
        logger: Logger,
        onDrop: @escaping @Sendable (_ count: Int, _ reason: DropReason) -> Void = { _, _ in }
    ) {
        self.endpoint = endpoint
        self.capacity = max(capacity, 1)
        self.encoder = OTLPProtobufEncoder(serviceName: serviceName)
        self.queue = SpanQueue(capacity: capacity, byteCapacity: byteCapacity, encoder: encoder)
        self.batchSize = max(min(batchSize, capacity), 1)
        self.interval = interval
        self.timeout = timeout
        self.logger = logger
        self.onDrop = onDrop
    }

    /// The spans dropped so far (queue full or not accepted).
    public var droppedSpanCount: Int { dropped.load(ordering: .relaxed) }
    /// The spans the receiver accepted so far.
    public var exportedSpanCount: Int { exported.load(ordering: .relaxed) }
    /// The spans waiting now.
    public var queuedSpanCount: Int { queue.count }

    /// Queues `span`, or drops it when the queue is full.
    public func spanEnded(_ span: FinishedSpan) {
        guard queue.append(span) else {
            dropped.wrappingIncrement(ordering: .relaxed)
            onDrop(1, .queueFull)
            return
        }
    }

    /// Sends batches until graceful shutdown, then sends what is left.
    public func run() async throws {
        let step = Duration.milliseconds(50)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Whichever comes first: the interval, a full batch, or the shutdown.
            var waited = Duration.zero
            while waited < interval, queuedSpanCount < batchSize, !Task.isShuttingDownGracefully, !Task.isCancelled {
                try? await Task.sleep(for: step)
                waited += step
            }
            await exportQueued()
        }
        await exportQueued()
    }

    /// Sends the spans queued now, in batches of at most `batchSize`.
    public func exportQueued() async {
        // Only what is queued now: a span that ends while a batch is on its way waits for the next
        // round. Chasing the queue sent a small batch after every request, for the whole load.
        let taken = queue.takeAll()
        defer { queue.recycle(taken) }
        var remaining = taken.reduce(0) { $0 + $1.count }
        var batch: [(spans: EncodedSpans, range: Range<Int>)] = []
        var inBatch = 0
        for spans in taken {
            var offset = 0
            while offset < spans.byteCount {
                // As many of these spans as the batch has room for.
                let start = offset
                while offset < spans.byteCount && inBatch < batchSize {
                    offset = spans.entryEnd(from: offset)
                    inBatch += 1
                }
                batch.append((spans, start..<offset))
                if inBatch == batchSize {
                    guard await send(batch, count: inBatch, remaining: remaining) else { return }
                    remaining -= inBatch
                    batch.removeAll(keepingCapacity: true)
                    inBatch = 0
                }
            }
        }
        if inBatch > 0 { _ = await send(batch, count: inBatch, remaining: remaining) }
    }

    /// Posts one batch of `count` spans; when it fails, drops and counts it with the rest of the round
    /// (`remaining` spans in all) and returns false.
    private func send(_ batch: [(spans: EncodedSpans, range: Range<Int>)], count: Int, remaining: Int) async -> Bool {
        do {
            try await post(batch)
            exported.wrappingIncrement(by: count, ordering: .relaxed)
            return true
        } catch {
            // The receiver is down or refusing: the next batches would wait for the same timeout.
            dropped.wrappingIncrement(by: remaining, ordering: .relaxed)
            onDrop(remaining, .exportFailed)
            logger.debug(
                "could not export spans",
                metadata: ["endpoint": "\(endpoint)", "spans": "\(remaining)", "error": "\(error)"]
            )
            return false
        }
    }

    /// Posts the spans of `batch` and reads the answer; throws unless it is 2xx.
    private func post(_ batch: [(spans: EncodedSpans, range: Range<Int>)]) async throws {
        let endpoint = self.endpoint
        let timeout = self.timeout
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: endpoint.host, port: endpoint.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let body = scratch.lock.withLock {
            scratch.body.clear()
            encoder.writeRequest(batch, to: &scratch.body)
            return scratch.body
        }
        let status = try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: endpoint.tracesPath)
            head.headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
            head.headers.add(name: "Content-Type", value: "application/x-protobuf")
            head.headers.add(name: "Content-Length", value: String(body.readableBytes))
            head.headers.add(name: "Connection", value: "close")
            try await outbound.write(contentsOf: [
                .head(head), .body(.byteBuffer(body)), .end(nil),
            ])
            var status: UInt = 0
            for try await part in inbound {
                switch part {
                case .head(let responseHead): status = responseHead.status.code
                case .body: continue
                case .end: return status
                }
            }
            return status
        }
        guard (200..<300).contains(status) else {
            throw OTLPExportError(message: "\(endpoint) answered \(status)")
        }
    }
}

/// The memory request bodies are written in, kept from one batch to the next. With a new body for every
/// batch (a few hundred KiB each, which glibc's allocator maps and unmaps afresh), the traced app under
/// load took 2,000 to 3,600 page faults a second; with one kept, 100 to 300 (README, "What tracing
/// costs"). The body handed to the channel shares its bytes with `body` until the write is done; the
/// next batch finds them unshared and writes over them.
private final class BodyScratch: @unchecked Sendable {
    // `body` is used only while `lock` is held (hence `@unchecked Sendable`).
    let lock = NIOLock()
    var body = ByteBuffer()
}

/// Why a batch of spans was not accepted.
public struct OTLPExportError: Error, CustomStringConvertible {
    /// What happened, naming the endpoint.
    public var message: String
    /// The message.
    public var description: String { message }
}
