import AppMetrics
import Exposition
import Hummingbird
import TestSupport
import Testing

@Suite("The HTTP metrics middleware")
struct HTTPMetricsMiddlewareTests {
    struct Boom: Error {}

    static func items(_ router: Router<BasicRequestContext>) {
        router.get("/items/{key}") { _, context -> String in
            let key = try context.parameters.require("key")
            if key == "missing" { throw HTTPError(.notFound, message: "item '\(key)' not found") }
            return key
        }
        router.post("/items") { _, _ -> String in throw HTTPError(.badRequest, message: "malformed JSON") }
        router.get("/boom") { _, _ -> String in throw Boom() }
    }

    @Test("counts requests by method, route template and status, thrown errors included")
    func exactCounts() async throws {
        let metered = try MeteredRouter(addRoutes: Self.items)
        try await metered.application.withLoopbackServer { client in
            for key in ["a", "b", "user:1"] {
                try await client.execute(uri: "/items/\(key)", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/items/missing", method: .get) { #expect($0.status == .notFound) }
            for _ in 0..<2 {
                try await client.execute(uri: "/items", method: .post) { #expect($0.status == .badRequest) }
            }
            try await client.execute(uri: "/no/such/route", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/boom", method: .get) { #expect($0.status == .internalServerError) }

            let first = try await MeteredRouter.scrape(client)
            let requests = try #require(first.family(named: "http_requests_total"))
            #expect(requests.type == .counter)
            let counts = Dictionary(
                uniqueKeysWithValues: requests.samples.map {
                    (
                        "\($0.labels["method"] ?? "") \($0.labels["handler"] ?? "") \($0.labels["status"] ?? "")",
                        $0.value
                    )
                }
            )
            #expect(
                counts == [
                    "GET /items/{key} 200": 3, "GET /items/{key} 404": 1, "POST /items 400": 2,
                    "GET unmatched 404": 1, "GET /boom 500": 1,
                ]
            )
            #expect(
                first.value(
                    of: "http_request_duration_seconds_count",
                    labels: ["method": "GET", "handler": "/items/{key}"]
                ) == 4
            )
            #expect(
                first.value(
                    of: "http_request_duration_summary_seconds_count",
                    labels: ["method": "POST", "handler": "/items"]
                )
                    == 2
            )
            #expect(first.value(of: "http_requests_in_progress") == 1, "the scrape being served counts itself")

            let second = try await MeteredRouter.scrape(client)
            #expect(
                second.value(
                    of: "http_requests_total",
                    labels: ["method": "GET", "handler": "/metrics", "status": "200"]
                ) == 1,
                "the first scrape is counted under handler=\"/metrics\""
            )
        }
    }

    @Test("gives every family help text and the types the workshop teaches")
    func familiesAndTypes() async throws {
        let metered = try MeteredRouter(addRoutes: Self.items)
        try await metered.application.withLoopbackServer { client in
            try await client.execute(uri: "/items/a", method: .get) { _ in }
            let families = try await MeteredRouter.scrape(client)
            let types = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0.type) })
            #expect(types["http_requests_total"] == .counter)
            #expect(types["http_request_duration_seconds"] == .histogram)
            #expect(types["http_request_duration_summary_seconds"] == .summary)
            #expect(types["http_requests_in_progress"] == .gauge)
            #expect(types["process_resident_memory_bytes"] == .gauge)
            for family in families {
                #expect((family.help ?? "").isEmpty == false, "\(family.name) has no help text")
            }
        }
    }

    @Test("serves /metrics as text format 0.0.4")
    func contentType() async throws {
        let metered = try MeteredRouter(addRoutes: Self.items)
        try await metered.application.withLoopbackServer { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            }
        }
    }

    @Test("writes cumulative buckets from 1 ms to 5 s whose +Inf equals _count")
    func cumulativeBuckets() async throws {
        let metered = try MeteredRouter { router in
            Self.items(router)
            router.get("/slow") { _, _ -> String in
                try await Task.sleep(for: .milliseconds(30))
                return "done"
            }
        }
        try await metered.application.withLoopbackServer { client in
            for index in 0..<20 {
                try await client.execute(uri: "/items/\(index)", method: .get) { _ in }
            }
            for _ in 0..<3 { try await client.execute(uri: "/slow", method: .get) { _ in } }
            try await client.execute(uri: "/nowhere", method: .get) { _ in }
            let families = try await MeteredRouter.scrape(client)
            let histogram = try #require(families.family(named: "http_request_duration_seconds"))
            let series = Set(
                histogram.samples.map { ["method": $0.labels["method"] ?? "", "handler": $0.labels["handler"] ?? ""] }
            )
            #expect(series.count == 3)
            for labels in series {
                let buckets = histogram.samples(named: "http_request_duration_seconds_bucket", matching: labels)
                let bounds = buckets.compactMap { $0.labels["le"].flatMap(ExpositionParser.parseFloat) }
                #expect(bounds == [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, .infinity])
                let counts = buckets.map(\.value)
                #expect(counts == counts.sorted(), "buckets of \(labels) are cumulative: \(counts)")
                #expect(counts.last == histogram.value(of: "http_request_duration_seconds_count", labels: labels))
            }
            #expect(
                histogram.value(
                    of: "http_request_duration_seconds_count",
                    labels: ["method": "GET", "handler": "/items/{key}"]
                ) == 20
            )
            #expect(
                histogram.value(
                    of: "http_request_duration_seconds_count",
                    labels: ["method": "GET", "handler": "/slow"]
                ) == 3
            )
        }
    }

    @Test("records durations in seconds: a 50 ms request lands in the 0.05 or 0.1 bucket, not the 50 one")
    func secondsNotMilliseconds() async throws {
        let metered = try MeteredRouter { router in
            router.get("/sleep") { _, _ -> String in
                try await Task.sleep(for: .milliseconds(50))
                return "done"
            }
        }
        try await metered.application.withLoopbackServer { client in
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                try await client.execute(uri: "/sleep", method: .get) { #expect($0.status == .ok) }
            }.seconds
            let families = try await MeteredRouter.scrape(client)
            let labels = ["method": "GET", "handler": "/sleep"]
            let buckets = families.samples(named: "http_request_duration_seconds_bucket", matching: labels)
            let sum = try #require(families.value(of: "http_request_duration_seconds_sum", labels: labels))
            // In seconds: at least the 50 ms slept, and no more than the client waited (50 if it were ms).
            #expect(sum >= 0.05 && sum <= elapsed, "recorded \(sum) s; the client waited \(elapsed) s")
            // The request is counted from the first bucket whose bound holds its duration on.
            for bucket in buckets {
                let bound = try #require(bucket.labels["le"].flatMap(ExpositionParser.parseFloat))
                #expect(bucket.value == (bound >= sum ? 1 : 0), "le=\(bound) after a request of \(sum) s")
            }
            if elapsed < 0.1 {
                // The usual case; on a loaded machine the request can take longer than the 100 ms bucket.
                let lands = buckets.first { $0.value == 1 }?.labels["le"]
                #expect(lands == "0.05" || lands == "0.1", "a 50 ms request landed in le=\(lands ?? "none")")
            }
            let median = try #require(
                families.value(
                    of: "http_request_duration_summary_seconds",
                    labels: labels.merging(["quantile": "0.5"]) { $1 }
                )
            )
            #expect(abs(median - sum) <= 0.01 * sum, "the summary's median of one request is that request")
        }
    }

    @Test("keeps the number of series fixed when 1,000 distinct keys and 1,000 unknown paths are requested")
    func boundedCardinality() async throws {
        let metered = try MeteredRouter(addRoutes: Self.items)
        let exporter = metered.exporter
        // Methods outside the middleware's list that an HTTP/1 parser still lets through to the router
        // (one it does not know, such as BREW, is refused before any middleware runs).
        let unlisted = ["PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "PURGE", "REPORT"].compactMap {
            HTTPRequest.Method($0)
        }
        try #require(unlisted.count == 8)
        try await metered.application.withLoopbackServer { client in
            func seriesCount() throws -> Int {
                try exporter.parsed().reduce(0) { $0 + ($1.name.hasPrefix("http_request") ? $1.samples.count : 0) }
            }
            try await client.execute(uri: "/items/key-0", method: .get) { _ in }
            try await client.execute(uri: "/scan/0", method: .get) { _ in }
            try await client.execute(uri: "/items/k", method: unlisted[7]) { _ in }
            let before = try seriesCount()
            for index in 1..<1000 {
                try await client.execute(uri: "/items/key-\(index)", method: .get) { _ in }
                try await client.execute(uri: "/scan/\(index)?q=\(index)", method: .get) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/items/k\(index)", method: unlisted[index % 7]) { _ in }
            }
            #expect(try seriesCount() == before)
            let families = try exporter.parsed()
            #expect(
                families.value(
                    of: "http_requests_total",
                    labels: ["method": "GET", "handler": "/items/{key}", "status": "200"]
                ) == 1000
            )
            #expect(
                families.value(
                    of: "http_requests_total",
                    labels: ["method": "GET", "handler": "unmatched", "status": "404"]
                ) == 1000
            )
            #expect(
                families.samples(named: "http_requests_total", matching: ["method": "other"]).map(\.value).reduce(0, +)
                    == 1000
            )
        }
    }

    @Test(
        "shows a request in progress while it is served, and none after, also when it throws",
        arguments: [false, true]
    )
    func inProgress(throwing: Bool) async throws {
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let metered = try MeteredRouter { router in
            router.get("/wait") { _, _ -> String in
                enteredContinuation.yield()
                for await _ in release { break }
                if throwing { throw HTTPError(.serviceUnavailable, message: "Redis is down") }
                return "done"
            }
        }
        let exporter = metered.exporter
        try await metered.application.withLoopbackServer { client in
            #expect(try exporter.parsed().value(of: "http_requests_in_progress") == 0)
            async let finished: HTTPResponse.Status = client.execute(uri: "/wait", method: .get) { $0.status }
            for await _ in entered { break }
            #expect(try exporter.parsed().value(of: "http_requests_in_progress") == 1)
            releaseContinuation.yield()
            #expect(try await finished == (throwing ? .serviceUnavailable : .ok))
            let families = try exporter.parsed()
            #expect(families.value(of: "http_requests_in_progress") == 0)
            let status = throwing ? "503" : "200"
            #expect(
                families.value(
                    of: "http_requests_total",
                    labels: ["method": "GET", "handler": "/wait", "status": status]
                ) == 1
            )
        }
    }

    @Test("exposes registry, summaries and process metrics as one exposition without a repeated family")
    func oneExposition() async throws {
        let metered = try MeteredRouter(addRoutes: Self.items)
        try await metered.application.withLoopbackServer { client in
            try await client.execute(uri: "/items/a", method: .get) { _ in }
            let families = try await MeteredRouter.scrape(client)
            let names = families.map(\.name)
            #expect(Set(names).count == names.count)
            #expect(names.contains("process_cpu_seconds_total"))
            #expect(names.contains("http_request_duration_summary_seconds"))
        }
    }
}
