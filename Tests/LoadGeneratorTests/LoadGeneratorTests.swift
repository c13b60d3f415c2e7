import Foundation
import LoadGenerator
import TestSupport
import Testing

@Suite("loadgen's mechanics against a real HTTP server on loopback")
struct LoadGeneratorTests {
    /// Time for requests in flight to finish at the end of a run: generous, because the other
    /// suites start many processes at once on a small machine; a run that works ends long before.
    static let drain = 60.0

    @Test("sends every planned request, stops by itself, and each kind gets the status it expects")
    func fullMix() async throws {
        try await ItemsTestServer.withRunning { port, tally in
            let options = LoadOptions(
                target: TargetURL(host: "127.0.0.1", port: port),
                durationSeconds: 2,
                rate: 150,
                concurrency: 8,
                seed: 7,
                drainSeconds: Self.drain
            )
            let report = try await LoadGenerator.run(options)
            #expect(report.planned == 300)
            #expect(report.sent == 300)
            #expect(report.completed == 300)
            #expect(report.transportErrors.isEmpty)
            #expect(report.dropped == 0 && report.unfinished == 0)
            #expect(report.errors == 0)
            #expect(report.latency.count == 300)
            #expect(report.statusCounts.values.reduce(0, +) == 300)
            // The server saw exactly what the report says was sent.
            #expect(tally.requests == 300)
            for kind in [RequestKind.list, .hit, .miss, .write, .health, .malformed] {
                let count = report.kinds[kind.rawValue]
                #expect((count?.sent ?? 0) > 0, "no \(kind) request in 300")
                #expect(count?.unexpected == 0, "\(kind): \(count?.unexpected ?? -1) unexpected statuses")
            }
            // Malformed requests are refused with a 4xx, misses are 404, writes 201.
            let malformed = report.kinds["malformed"]?.sent ?? 0
            let misses = report.kinds["miss"]?.sent ?? 0
            #expect(report.responses(in: 400...499) == malformed + misses)
            #expect(report.statusCounts["201"] == report.kinds["write"]?.sent)
            #expect(tally.storedKeys == report.kinds["write"]?.sent)
        }
    }

    @Test("concurrency bounds the connections: one connection still carries every request")
    func singleConnection() async throws {
        try await ItemsTestServer.withRunning { port, tally in
            let options = LoadOptions(
                target: TargetURL(host: "127.0.0.1", port: port),
                durationSeconds: 1,
                rate: 50,
                concurrency: 1,
                seed: 3,
                drainSeconds: Self.drain
            )
            let report = try await LoadGenerator.run(options)
            #expect(report.sent == 50 && report.completed == 50)
            #expect(report.transportErrors.isEmpty)
            #expect(tally.requests == 50)
        }
    }

    @Test("a server that is not listening gives transport errors and an end, not a hang")
    func unreachableServer() async throws {
        let port = try FreePort.next()
        let options = LoadOptions(
            target: TargetURL(host: "127.0.0.1", port: port),
            durationSeconds: 0.5,
            rate: 20,
            concurrency: 4
        )
        let report = try await LoadGenerator.run(options)
        #expect(report.completed == 0)
        #expect(report.planned == 10)
        #expect(report.transportErrors.values.reduce(0, +) == 10)
        #expect(report.errors == 10)
        #expect(report.transportErrors.keys.allSatisfy { $0.hasPrefix("connect: ") })
    }

    @Test("the same seed gives the same sequence of requests; another seed a different one")
    func seededMix() {
        func sequence(seed: UInt64) -> [PlannedRequest] {
            var mix = RequestMix(seed: seed, errorBursts: false)
            return (0..<500).map { index in
                let request = mix.next(elapsed: Double(index) / 100)
                if let key = request.writtenKey { mix.confirmWrite(of: key) }
                return request
            }
        }
        #expect(sequence(seed: 42) == sequence(seed: 42))
        #expect(sequence(seed: 42) != sequence(seed: 43))
    }

    @Test("the mix follows its weights: mostly hits, a few malformed requests")
    func mixProportions() {
        var mix = RequestMix(seed: 9, errorBursts: false)
        var counts: [RequestKind: Int] = [:]
        for index in 0..<10_000 {
            let request = mix.next(elapsed: Double(index) / 1000)
            if let key = request.writtenKey { mix.confirmWrite(of: key) }
            counts[request.kind, default: 0] += 1
        }
        // Weights 45/15/20/8/7/5 of 100; a hit before the first write becomes a write.
        #expect((4_300...4_700).contains(counts[.hit] ?? 0))
        #expect((1_300...1_700).contains(counts[.miss] ?? 0))
        #expect((1_800...2_200).contains(counts[.write] ?? 0))
        #expect((350...650).contains(counts[.malformed] ?? 0))
        #expect(counts[.burst] == nil)
    }

    @Test("--errors turns half of the requests into failing ones during a burst, and none outside")
    func errorBursts() {
        var mix = RequestMix(seed: 5, errorBursts: true)
        #expect(!mix.isInBurst(elapsed: 9.9) && mix.isInBurst(elapsed: 10) && mix.isInBurst(elapsed: 14.9))
        #expect(!mix.isInBurst(elapsed: 15) && mix.isInBurst(elapsed: 31))
        let inside = (0..<1000).map { _ in mix.next(elapsed: 12) }.filter { $0.kind == .burst }.count
        let outside = (0..<1000).map { _ in mix.next(elapsed: 2) }.filter { $0.kind == .burst }.count
        #expect((400...600).contains(inside))
        #expect(outside == 0)
        #expect(!RequestMix(seed: 5, errorBursts: false).isInBurst(elapsed: 12))
    }

    @Test("percentiles are nearest-rank over every recorded latency")
    func percentiles() {
        let summary = LatencySummary(latencies: (1...100).map { Double($0) / 1000 }.shuffled())
        #expect(summary.count == 100)
        #expect(summary.p50 == 0.050)
        #expect(summary.p95 == 0.095)
        #expect(summary.p99 == 0.099)
        #expect(summary.max == 0.100)
        #expect(LatencySummary(latencies: []).p99 == 0)
    }

    @Test("durations and URLs are read the way the options document them, and bad ones are refused")
    func parsing() throws {
        #expect(try LoadOptions.parseDuration("60s") == 60)
        #expect(try LoadOptions.parseDuration("2m") == 120)
        #expect(try LoadOptions.parseDuration("500ms") == 0.5)
        #expect(try LoadOptions.parseDuration("15") == 15)
        #expect(throws: LoadGeneratorError.self) { try LoadOptions.parseDuration("soon") }
        #expect(throws: LoadGeneratorError.self) { try LoadOptions.parseDuration("-1s") }
        #expect(try TargetURL(parsing: "http://localhost:9000") == TargetURL(host: "localhost", port: 9000))
        #expect(
            try TargetURL(parsing: "http://example.org/api/")
                == TargetURL(host: "example.org", port: 80, basePath: "/api")
        )
        #expect(throws: LoadGeneratorError.self) { try TargetURL(parsing: "https://localhost:9000") }
        #expect(throws: LoadGeneratorError.self) { try TargetURL(parsing: "http://localhost:99999") }
        let zeroRate = LoadOptions(target: TargetURL(host: "h", port: 1), durationSeconds: 1, rate: 0)
        #expect(throws: LoadGeneratorError.self) { try zeroRate.validate() }
    }
}
