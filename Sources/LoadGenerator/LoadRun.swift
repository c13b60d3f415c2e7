import NIOCore
import NIOHTTP1
import NIOPosix

/// One load run: starts requests on a fixed schedule, hands them to the targets in turn, spreads
/// each target's share over keep-alive connections to it and records what comes back.
///
/// All mutable state lives on one event loop: every method below runs there (checked with
/// `assertInEventLoop`), which is what makes the unchecked `Sendable` conformance sound.
final class LoadRun: @unchecked Sendable {
    /// The state of one connection.
    private struct Connection {
        var channel: Channel
        var target: Int
        var current: (request: PlannedRequest, intended: NIODeadline)?
    }

    private let eventLoop: EventLoop
    private let options: LoadOptions
    private let progress: (@Sendable (LoadProgress) -> Void)?
    private let finished: EventLoopPromise<LoadReport>

    private var mix: RequestMix
    private var start = NIODeadline.now()
    private var windowEnd = NIODeadline.now()
    private var scheduled = 0
    /// Per target: requests due but not yet written, oldest first.
    private var backlogs: [CircularBuffer<(request: PlannedRequest, intended: NIODeadline)>]
    private let backlogLimit: Int
    private var connections: [Int: Connection] = [:]
    /// Per target: connections with no request in flight.
    private var idle: [[Int]]
    /// Per target: connections being opened.
    private var connecting: [Int]
    private var nextConnectionID = 0
    private var ticker: RepeatedTask?
    private var progressTicker: RepeatedTask?
    private var drainTimer: Scheduled<Void>?
    private var generating = true
    private var done = false

    private var sent = 0
    private var sentInTime = 0
    private var completed = 0
    private var dropped = 0
    private var statusCounts: [Int: Int] = [:]
    private var transportErrors: [String: Int] = [:]
    private var kinds: [RequestKind: KindCount] = [:]
    private var latencies: [Double] = []
    /// Per target: requests sent, responses and their latencies.
    private var targetSent: [Int]
    private var targetCompleted: [Int]
    private var targetLatencies: [[Double]]

    init(options: LoadOptions, eventLoop: EventLoop, progress: (@Sendable (LoadProgress) -> Void)?) {
        self.options = options
        self.eventLoop = eventLoop
        self.progress = progress
        self.finished = eventLoop.makePromise(of: LoadReport.self)
        self.mix = RequestMix(seed: options.seed, errorBursts: options.errorBursts)
        self.backlogLimit = max(1000, Int(options.rate))
        let count = options.targets.count
        self.backlogs = Array(repeating: CircularBuffer(), count: count)
        self.idle = Array(repeating: [], count: count)
        self.connecting = Array(repeating: 0, count: count)
        self.targetSent = Array(repeating: 0, count: count)
        self.targetCompleted = Array(repeating: 0, count: count)
        self.targetLatencies = Array(repeating: [], count: count)
        latencies.reserveCapacity(min(options.plannedRequests, 10_000_000))
    }

    /// Starts the run on the event loop; the future completes with the report when it is over.
    func begin() -> EventLoopFuture<LoadReport> {
        eventLoop.execute { self.startSchedule() }
        return finished.futureResult
    }

    private func startSchedule() {
        eventLoop.assertInEventLoop()
        start = .now()
        windowEnd = start + .nanoseconds(Int64(options.durationSeconds * 1e9))
        ticker = eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(1)) { _ in
            self.tick()
        }
        if progress != nil {
            progressTicker = eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(200)) { _ in
                self.reportProgress()
            }
        }
    }

    // MARK: The schedule

    private func tick() {
        eventLoop.assertInEventLoop()
        guard generating else { return }
        let now = NIODeadline.now()
        let elapsed = seconds(from: start, to: now)
        let planned = options.plannedRequests
        let due = min(planned, Int(elapsed * options.rate) + 1)
        while scheduled < due {
            let offset = Double(scheduled) / options.rate
            let intended = start + .nanoseconds(Int64(offset * 1e9))
            let request = mix.next(elapsed: offset)
            let target = scheduled % options.targets.count
            scheduled += 1
            if waitingCount >= backlogLimit {
                dropped += 1
            } else {
                backlogs[target].append((request, intended))
            }
        }
        pump()
        if scheduled >= planned && now >= windowEnd {
            stopGenerating()
        }
    }

    private func stopGenerating() {
        generating = false
        ticker?.cancel()
        ticker = nil
        let drain = TimeAmount.nanoseconds(Int64(options.drainSeconds * 1e9))
        drainTimer = eventLoop.scheduleTask(in: drain) { self.finish() }
        finishIfIdle()
    }

    // MARK: Connections

    /// Requests due but not yet written, over all targets.
    private var waitingCount: Int {
        backlogs.reduce(0) { $0 + $1.count }
    }

    private func pump() {
        for target in backlogs.indices {
            while !backlogs[target].isEmpty {
                if let id = idle[target].popLast() {
                    guard let next = backlogs[target].popFirst() else { break }
                    send(next.request, intended: next.intended, on: id)
                } else {
                    // Open connections for the waiting requests that no connection in progress will take,
                    // up to the concurrency limit (shared by all targets), all at once.
                    let room = options.concurrency - connections.count - connecting.reduce(0, +)
                    let wanted = backlogs[target].count - connecting[target]
                    for _ in 0..<max(0, min(room, wanted)) { openConnection(to: target) }
                    break
                }
            }
        }
    }

    private func openConnection(to target: Int) {
        connecting[target] += 1
        nextConnectionID += 1
        let id = nextConnectionID
        let timeout = TimeAmount.nanoseconds(Int64(options.connectTimeoutSeconds * 1e9))
        ClientBootstrap(group: eventLoop)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ResponseHandler(run: self, connectionID: id))
                }
            }
            .connect(host: options.targets[target].host, port: options.targets[target].port)
            .hop(to: eventLoop)
            .whenComplete { result in
                self.connecting[target] -= 1
                switch result {
                case .success(let channel):
                    if self.done {
                        channel.close(promise: nil)
                        return
                    }
                    self.connections[id] = Connection(channel: channel, target: target, current: nil)
                    self.idle[target].append(id)
                case .failure(let error):
                    // Nothing to send on: the oldest waiting request fails with the connect error,
                    // so a server that is down shows as errors instead of a run that never ends.
                    if let waiting = self.backlogs[target].popFirst() {
                        self.record(kind: waiting.request.kind, sent: true)
                        self.targetSent[target] += 1
                        self.transportErrors["connect: " + ResponseHandler.describe(error), default: 0] += 1
                    }
                }
                self.pump()
                self.finishIfIdle()
            }
    }

    private func send(_ request: PlannedRequest, intended: NIODeadline, on id: Int) {
        guard var connection = connections[id] else { return }
        let now = NIODeadline.now()
        connection.current = (request, intended)
        connections[id] = connection
        sent += 1
        targetSent[connection.target] += 1
        if now < windowEnd { sentInTime += 1 }
        record(kind: request.kind, sent: true)

        let target = options.targets[connection.target]
        var head = HTTPRequestHead(
            version: .http1_1,
            method: HTTPMethod(rawValue: request.method),
            uri: target.basePath + request.path
        )
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: "infraobs-loadgen")
        head.headers.add(name: "Accept", value: "application/json")
        head.headers.add(name: "traceparent", value: Self.traceParent(runID: options.traceRunID, request: sent))
        let channel = connection.channel
        if let body = request.body {
            var buffer = channel.allocator.buffer(capacity: body.utf8.count)
            buffer.writeString(body)
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(buffer.readableBytes))
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            channel.write(HTTPClientRequestPart.body(.byteBuffer(buffer)), promise: nil)
        } else {
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    /// The W3C `traceparent` of request number `request` (from 1) of run `runID`: trace id `runID` then
    /// `request` in hex, a parent span id made from both, sampled.
    static func traceParent(runID: UInt64, request: Int) -> String {
        let number = UInt64(request)
        let parent = (runID ^ number &* 0x9E37_79B9_7F4A_7C15) | 1
        return "00-\(hex16(runID))\(hex16(number))-\(hex16(parent))-01"
    }

    /// `value` as 16 lowercase hex digits.
    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Called by the connection's handler when a whole response has arrived.
    func responseReceived(connectionID id: Int, status: Int, keepAlive: Bool) {
        eventLoop.assertInEventLoop()
        guard var connection = connections[id], let current = connection.current else { return }
        connection.current = nil
        completed += 1
        statusCounts[status, default: 0] += 1
        let latency = seconds(from: current.intended, to: .now())
        latencies.append(latency)
        targetCompleted[connection.target] += 1
        targetLatencies[connection.target].append(latency)
        if !current.request.kind.expects(status) {
            kinds[current.request.kind, default: KindCount()].unexpected += 1
        }
        if let key = current.request.writtenKey, (200...299).contains(status) {
            mix.confirmWrite(of: key)
        }
        if keepAlive && !done {
            connections[id] = connection
            idle[connection.target].append(id)
        } else {
            connections[id] = nil
            connection.channel.close(promise: nil)
        }
        pump()
        finishIfIdle()
    }

    /// Called by the connection's handler when the connection failed or closed.
    func connectionClosed(connectionID id: Int, reason: String) {
        eventLoop.assertInEventLoop()
        guard let connection = connections.removeValue(forKey: id) else { return }
        idle[connection.target].removeAll { $0 == id }
        if connection.current != nil {
            transportErrors[reason, default: 0] += 1
        }
        connection.channel.close(promise: nil)
        pump()
        finishIfIdle()
    }

    // MARK: Ending

    private var inFlight: Int {
        connections.values.reduce(0) { $0 + ($1.current == nil ? 0 : 1) }
    }

    private func finishIfIdle() {
        if !generating && !done && waitingCount == 0 && inFlight == 0 && connecting.allSatisfy({ $0 == 0 }) {
            finish()
        }
    }

    private func finish() {
        eventLoop.assertInEventLoop()
        guard !done else { return }
        done = true
        ticker?.cancel()
        progressTicker?.cancel()
        drainTimer?.cancel()
        let unfinished = waitingCount + inFlight
        for target in backlogs.indices {
            backlogs[target].removeAll()
            idle[target].removeAll()
        }
        let open = connections.values.map(\.channel)
        connections.removeAll()
        for channel in open { channel.close(promise: nil) }
        if let progress { progress(snapshot(final: true)) }
        let report = LoadReport(
            target: options.targets.map(\.description).joined(separator: " "),
            durationSeconds: options.durationSeconds,
            rate: options.rate,
            concurrency: options.concurrency,
            planned: options.plannedRequests,
            sent: sent,
            sentInTime: sentInTime,
            completed: completed,
            statusCounts: Dictionary(uniqueKeysWithValues: statusCounts.map { (String($0.key), $0.value) }),
            transportErrors: transportErrors,
            dropped: dropped,
            unfinished: unfinished,
            kinds: Dictionary(uniqueKeysWithValues: kinds.map { ($0.key.rawValue, $0.value) }),
            latency: LatencySummary(latencies: latencies),
            elapsedSeconds: seconds(from: start, to: .now()),
            traceIDPrefix: Self.hex16(options.traceRunID),
            targets: options.targets.indices.map { index in
                TargetCount(
                    url: options.targets[index].description,
                    sent: targetSent[index],
                    completed: targetCompleted[index],
                    latency: LatencySummary(latencies: targetLatencies[index])
                )
            }
        )
        finished.succeed(report)
    }

    // MARK: Helpers

    private func record(kind: RequestKind, sent: Bool) {
        if sent { kinds[kind, default: KindCount()].sent += 1 }
    }

    private func reportProgress() {
        progress?(snapshot(final: false))
    }

    private func snapshot(final: Bool) -> LoadProgress {
        LoadProgress(
            elapsedSeconds: seconds(from: start, to: .now()),
            durationSeconds: options.durationSeconds,
            sent: sent,
            completed: completed,
            errors: transportErrors.values.reduce(0, +)
                + statusCounts.filter { $0.key >= 500 }.values.reduce(0, +),
            isFinal: final
        )
    }

    private func seconds(from: NIODeadline, to: NIODeadline) -> Double {
        Double((to - from).nanoseconds) / 1e9
    }
}
