import Exposition
import Foundation
import TestSupport
import Testing

/// What the app does with hostile or heavy connection patterns, run against the built
/// `instrumented-app` as a process over real loopback sockets.
@Suite("Connection faults", .serialized)
struct ConnectionFaultTests {
    @Test("A slowloris client holding 200 half-sent requests open does not stop normal requests")
    func slowlorisDoesNotStarveOthers() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start("instrumented-app", redis: redis)
        defer { app.stop() }
        #expect(try app.request("POST", "/items", body: #"{"key": "slow:1", "value": "v"}"#).status == 201)

        var slow: [RawHTTPConnection] = []
        for _ in 0..<200 {
            let connection = try RawHTTPConnection(port: app.port)
            try connection.send("GET /items/slow:1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            slow.append(connection)
        }
        // Ten rounds: one more header byte on every slow connection, then ordinary requests.
        var answered: [Int] = []
        for _ in 0..<10 {
            for connection in slow where !connection.isClosedByPeer {
                connection.sendTolerantly(Array("a".utf8))
            }
            for _ in 0..<5 {
                answered.append(try app.request("GET", "/items/slow:1", timeout: 5).status)
            }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        #expect(answered.count == 50 && answered.allSatisfy { $0 == 200 }, "statuses: \(answered)")
        // Finishing a slow request still gets an answer, unless the server already closed it.
        var finished = 0
        for connection in slow.prefix(10) {
            connection.sendTolerantly(Array("\r\nConnection: close\r\n\r\n".utf8))
            if let response = try? connection.readResponse() {
                #expect(response.status == 200)
                finished += 1
            }
        }
        print("slowloris: 50 normal requests answered \(Set(answered)); \(finished) of 10 slow ones finished")
        for connection in slow { connection.closeConnection() }
        #expect(app.isRunning, "the app died: \(app.logTail())")
        #expect(try app.request("GET", "/").status == 200)
    }

    @Test("10,000 distinct unknown URLs get 404 and leave the number of series in /metrics unchanged")
    func unknownURLsKeepSeriesFlat() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start("instrumented-app", redis: redis)
        defer { app.stop() }
        // One of each kind first, so every series these requests can create exists before counting.
        #expect(try app.request("GET", "/warm-up/unknown").status == 404)
        _ = try app.metrics()
        let before = try app.metrics()

        // Four keep-alive connections, 2,500 requests each, pipelined 50 at a time.
        let port = app.port
        let statuses = LockedCounts()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    try await Task.detached {
                        let connection = try RawHTTPConnection(port: port)
                        for batch in 0..<50 {
                            var text = ""
                            for index in 0..<50 {
                                text +=
                                    "GET /unknown/\(worker)-\(batch)-\(index)/\(UUID().uuidString)?q=\(index) HTTP/1.1\r\n"
                                text += "Host: 127.0.0.1\r\n\r\n"
                            }
                            try connection.send(text)
                            for _ in 0..<50 {
                                let response = try connection.readResponse()
                                statuses.add(response.status, hasJSONError: response.jsonError != nil)
                            }
                        }
                    }.value
                }
            }
            try await group.waitForAll()
        }
        #expect(statuses.snapshot == [404: 10_000], "statuses: \(statuses.snapshot)")
        #expect(statuses.withoutJSONError == 0, "\(statuses.withoutJSONError) answers had no JSON error body")

        let after = try app.metrics()
        let seriesBefore = before.flatMap(\.samples).map { "\($0.name)\($0.labels.sorted(by: <))" }
        let seriesAfter = after.flatMap(\.samples).map { "\($0.name)\($0.labels.sorted(by: <))" }
        #expect(
            Set(seriesAfter).subtracting(seriesBefore).isEmpty,
            "new series: \(Set(seriesAfter).subtracting(seriesBefore).prefix(10))"
        )
        #expect(seriesAfter.count == seriesBefore.count)
        let unmatched = after.samples(named: "http_requests_total").filter { $0.labels["status"] == "404" }
        #expect(unmatched.count == 1, "404 series: \(unmatched)")
        #expect((unmatched.first?.value ?? 0) >= 10_001)
        print("unknown URLs: \(seriesBefore.count) series before, \(seriesAfter.count) after; 404 series \(unmatched)")
        #expect(app.isRunning)
    }

    @Test("1,000 concurrent connections are all answered or cleanly refused, and the app lives on")
    func thousandConcurrentConnections() async throws {
        let limit = FileDescriptorLimit.raise(to: 4096)
        #expect(limit >= 2100, "the open-file limit is \(limit); raise it (ulimit -n 4096) to run this test")
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start("instrumented-app", redis: redis)
        defer { app.stop() }
        #expect(try app.request("POST", "/items", body: #"{"key": "swarm:1", "value": "v"}"#).status == 201)

        let port = app.port
        let outcomes = try await Task.detached {
            try ConnectionSwarm.run(
                count: 1000,
                port: port,
                request: "GET /items/swarm:1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                deadline: 60
            )
        }.value
        var tally: [String: Int] = [:]
        for outcome in outcomes { tally["\(outcome)", default: 0] += 1 }
        print("1,000 connections: \(tally)")
        let bad = outcomes.filter {
            switch $0 {
            case .answered(let status): status != 200
            case .refused: false
            case .cutOff, .hung: true
            }
        }
        #expect(bad.isEmpty, "outcomes: \(tally)")
        #expect(outcomes.filter { $0 == .answered(200) }.count > 0, "outcomes: \(tally)")
        #expect(app.isRunning, "the app died: \(app.logTail())")
        #expect(try app.request("GET", "/items/swarm:1").status == 200)
    }
}
