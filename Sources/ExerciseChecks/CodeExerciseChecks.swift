import AppAssembly
import AppCore
import AppMetrics
import Course
import Exposition
import Foundation
import HTTPTypes
import InMemoryTracing
import Prometheus
import RedisClient
import Tracing

/// The checks of the code exercises (01 to 06, 10, 11), run against a module's app with a real Redis.
enum CodeExerciseChecks {
    /// Where the checks find Redis: a server they started, or the one the environment names.
    struct RedisAddress: Sendable {
        var host: String
        var port: Int
    }

    static func check(_ number: String, module student: any WorkshopModule, redis: RedisAddress) async -> Checklist {
        var list = Checklist()
        let module = ExerciseUnderTest(exercise: number, student: student)
        do {
            switch number {
            case "01": list = try await healthCheck(module, redis)
            case "02": list = try await itemLookup(module, redis)
            case "03": list = try await requestCounter(module, redis)
            case "04": list = try latencyHistogram(module)
            case "05": list = try await inProgressGauge(module, redis)
            case "06": list = try await cacheMiss(module, redis)
            case "10": list = try await structuredLog(module, redis)
            case "11": list = try await redisSpan(module, redis)
            default: list.fail("no check is written for exercise \(number)")
            }
        } catch {
            list.fail("the check could not run: \(error)")
        }
        return list
    }

    // MARK: 01-health-check

    static func healthCheck(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        var list = Checklist()
        let up = try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port) {
            try await $0.get("/")
        }
        list.expect(
            up.status == 200 && up.body.contains("\"redis\":\"up\""),
            "with Redis running, GET / answered \(up.summary); expected 200 with \"redis\":\"up\""
        )
        let closedPort = try LoopbackPort.free()
        let down = try await AppSession.with(module: module, redisHost: "127.0.0.1", redisPort: closedPort) {
            try await $0.get("/")
        }
        list.expect(
            down.status == 503 && down.body.contains("\"redis\":\"down\""),
            "with Redis unreachable (nothing listens on 127.0.0.1:\(closedPort)), GET / answered \(down.summary); "
                + "expected 503 with \"redis\":\"down\". Does isRedisUp return false when redis.ping() throws?"
        )
        return list
    }

    // MARK: 02-item-lookup

    static func itemLookup(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        let prefix = "exercise02:\(UUID().uuidString.prefix(8))"
        return try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port) { app in
            var list = Checklist()
            let stored = try await app.post("/items", json: "{\"key\":\"\(prefix):user\",\"value\":\"Folan\"}")
            guard stored.status == 201 else {
                list.fail("POST /items answered \(stored.summary); expected 201, so the lookup could not be tried")
                return list
            }
            let found = try await app.get("/items/\(prefix):user")
            list.expect(
                found.status == 200 && found.body == "{\"key\":\"\(prefix):user\",\"value\":\"Folan\"}",
                "GET /items/\(prefix):user (stored with the value Folan) answered \(found.summary); "
                    + "expected 200 {\"key\":\"\(prefix):user\",\"value\":\"Folan\"}"
            )
            let missing = try await app.get("/items/\(prefix):nobody")
            list.expect(
                missing.status == 404 && missing.body.hasPrefix("{\"error\":"),
                "GET /items/\(prefix):nobody (never stored) answered \(missing.summary); expected 404 "
                    + "{\"error\": \"...\"}. Throw AppError.notFound when redis.get returns nil"
            )
            return list
        }
    }

    // MARK: 03-request-counter

    static func requestCounter(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        let prefix = "exercise03:\(UUID().uuidString.prefix(8))"
        return try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port) { app in
            var list = Checklist()
            _ = try await app.get("/")
            _ = try await app.post("/items", json: "{\"key\":\"\(prefix)\",\"value\":\"v\"}")
            _ = try await app.post("/items", json: "not json")
            _ = try await app.get("/items?limit=1")
            _ = try await app.get("/no/such/route")
            let metrics = MetricExpectations(families: try await app.scrape())
            let name = MetricNames.httpRequestsTotal
            guard metrics.family(name, type: .counter, registeredIn: "RequestMetrics", into: &list) != nil else {
                return list
            }
            let expected: [[String: String]] = [
                ["method": "GET", "handler": "/", "status": "200"],
                ["method": "POST", "handler": "/items", "status": "201"],
                ["method": "POST", "handler": "/items", "status": "400"],
                ["method": "GET", "handler": "/items", "status": "200"],
                ["method": "GET", "handler": MetricNames.unmatchedHandler, "status": "404"],
            ]
            for labels in expected {
                let value = metrics.families.value(of: name, labels: labels)
                list.expect(
                    value == 1,
                    "after one such request, expected \(MetricExpectations.series(name, labels)) to be 1; found "
                        + metrics.describe(name, labels)
                        + (value == nil
                            ? " (are the labels exactly method, handler and status, and is status the number as text?)"
                            : "")
                )
            }
            return list
        }
    }

    // MARK: 04-latency-histogram

    static func latencyHistogram(_ module: any WorkshopModule) throws -> Checklist {
        var list = Checklist()
        let registry = PrometheusCollectorRegistry()
        let summaries = SummaryRegistry(alongside: registry)
        let recorder = try module.makeRequestMetrics(registry: registry, summaries: summaries)
        for milliseconds in [3, 250] {
            recorder.requestStarted()
            recorder.requestFinished(
                method: "GET",
                handler: "/items/{key}",
                status: 200,
                duration: .milliseconds(milliseconds)
            )
        }
        let text = String(
            decoding: MetricsExporter(registry: registry, summaries: summaries, processMetrics: nil).render(),
            as: UTF8.self
        )
        let metrics = MetricExpectations(families: try ExpositionParser.parse(text))
        let name = MetricNames.httpRequestDurationSeconds
        guard let family = metrics.family(name, type: .histogram, registeredIn: "RequestMetrics", into: &list) else {
            return list
        }
        let labels = ["method": "GET", "handler": "/items/{key}"]
        let buckets = family.samples(named: name + "_bucket", matching: labels)
        let bounds = Set(buckets.compactMap { $0.labels["le"].flatMap(ExpositionParser.parseFloat) })
        let expectedBounds = Set(MetricNames.httpDurationBuckets + [Double.infinity])
        list.expect(
            bounds == expectedBounds,
            "expected the buckets of \(MetricExpectations.series(name, labels)) to be the workshop's "
                + "(MetricNames.httpDurationBuckets: 0.001 ... 5, and +Inf); found "
                + (bounds.isEmpty ? "none" : bounds.sorted().map { "\($0)" }.joined(separator: ", "))
        )
        let keys = Set(buckets.first?.labels.keys.map { $0 } ?? [])
        list.expect(
            buckets.isEmpty || keys == ["method", "handler", "le"],
            "the histogram should be labelled method and handler only; found the labels "
                + keys.subtracting(["le"]).sorted().joined(separator: ", ")
        )
        let count = family.value(of: name + "_count", labels: labels)
        list.expect(
            count == 2,
            "after two requests, expected \(name)_count to be 2; found \(count.map { "\($0)" } ?? "no such series")"
        )
        let sum = family.value(of: name + "_sum", labels: labels) ?? -1
        list.expect(
            abs(sum - 0.253) < 0.0005,
            "after requests of 3 ms and 250 ms, expected \(name)_sum to be 0.253 (seconds); found \(sum)."
                + (sum > 1 ? " Observe duration.seconds, not milliseconds or nanoseconds" : "")
        )
        let at10ms = buckets.first { $0.labels["le"].flatMap(ExpositionParser.parseFloat) == 0.01 }?.value
        list.expect(
            at10ms == 1,
            "expected the bucket le=\"0.01\" to hold 1 request (the 3 ms one); found \(at10ms.map { "\($0)" } ?? "none")"
        )
        return list
    }

    // MARK: 05-in-progress-gauge

    static func inProgressGauge(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        var list = Checklist()
        let name = MetricNames.httpRequestsInProgress
        let registry = PrometheusCollectorRegistry()
        let summaries = SummaryRegistry(alongside: registry)
        let recorder = try module.makeRequestMetrics(registry: registry, summaries: summaries)
        let exporter = MetricsExporter(registry: registry, summaries: summaries, processMetrics: nil)
        func gauge() throws -> Double? {
            try ExpositionParser.parse(String(decoding: exporter.render(), as: UTF8.self)).value(of: name)
        }
        recorder.requestStarted()
        recorder.requestStarted()
        let metrics = MetricExpectations(
            families: try ExpositionParser.parse(String(decoding: exporter.render(), as: UTF8.self))
        )
        guard metrics.family(name, type: .gauge, registeredIn: "RequestMetrics", into: &list) != nil else {
            return list
        }
        let during = try gauge()
        list.expect(
            during == 2,
            "while two requests are in progress, expected \(name) to be 2; found \(during.map { "\($0)" } ?? "none")"
        )
        recorder.requestFinished(method: "GET", handler: "/", status: 200, duration: .milliseconds(1))
        recorder.requestFinished(method: "GET", handler: "/items/{key}", status: 500, duration: .milliseconds(1))
        let after = try gauge()
        list.expect(
            after == 0,
            "after both requests finished (one with status 500), expected \(name) to be 0; found \(after.map { "\($0)" } ?? "none")"
        )
        // Through the app: a handler that throws (400, 404) must still bring the gauge back down.
        let scraped = try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port) { app in
            _ = try await app.post("/items", json: "not json")
            _ = try await app.get("/no/such/route")
            return try await app.scrape().value(of: name)
        }
        list.expect(
            scraped == 1,
            "after a request that failed with 400 and one with 404, GET /metrics showed \(name) "
                + "\(scraped.map { "\($0)" } ?? "missing"); expected 1 (only the scrape itself is in progress)"
        )
        return list
    }

    // MARK: 06-cache-miss

    static func cacheMiss(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        let prefix = "exercise06:\(UUID().uuidString.prefix(8))"
        return try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port) { app in
            var list = Checklist()
            _ = try await app.post("/items", json: "{\"key\":\"\(prefix):here\",\"value\":\"v\"}")
            _ = try await app.get("/items/\(prefix):here")
            _ = try await app.get("/items/\(prefix):gone-1")
            _ = try await app.get("/items/\(prefix):gone-2")
            _ = try await app.get("/items?limit=5")
            _ = try await app.get("/")
            _ = try await app.post("/items", json: "{}")
            let metrics = MetricExpectations(families: try await app.scrape())
            let name = MetricNames.cacheMissTotal
            guard metrics.family(name, type: .counter, registeredIn: "CacheMetrics", into: &list) != nil else {
                return list
            }
            let value = metrics.families.value(of: name)
            list.expect(
                value == 2,
                "after 2 lookups of missing keys (and 1 hit, a list, a health check and a bad POST), expected "
                    + "\(name) to be 2; found \(metrics.describe(name))"
            )
            return list
        }
    }

    // MARK: 10-structured-log

    static func structuredLog(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        var list = Checklist()
        let prefix = "exercise10:\(UUID().uuidString.prefix(8))"
        let traceID = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(32))
        let traceParent = [("traceparent", "00-\(traceID)-00f067aa0ba902b7-01")]

        // Redis up, a fast command: nothing at info or above.
        let upLines = LogLines()
        try await AppSession.with(module: module, redisHost: redis.host, redisPort: redis.port, logLines: upLines) {
            _ = try await $0.get("/items/\(prefix):nobody", headers: traceParent)
        }
        let noisy = upLines.objects.filter { ($0["command"] as? String) != nil }
        list.expect(
            noisy.isEmpty,
            "with Redis up, one fast GET /items/{key} logged \(noisy.count) line(s) naming a command: "
                + "\(noisy.first.map(describe) ?? ""); a command that neither failed nor was slow logs nothing at info or above"
        )

        // Redis stopped: the SET of POST /items (the app's own code, whatever the other exercises' state) fails, once.
        let closedPort = try LoopbackPort.free()
        let downLines = LogLines()
        let answer = try await AppSession.with(
            module: module,
            redisHost: "127.0.0.1",
            redisPort: closedPort,
            logLines: downLines
        ) {
            try await $0.post("/items", json: "{\"key\":\"\(prefix)\",\"value\":\"v\"}", headers: traceParent)
        }
        let lines = downLines.objects.filter { ($0["command"] as? String) == "SET" }
        guard let line = lines.first else {
            list.fail(
                "with Redis stopped (nothing listens on 127.0.0.1:\(closedPort)), POST /items answered "
                    + "\(answer.status) and no log line had \"command\": \"SET\". Log a failed command with "
                    + "logger.error(..., metadata: [\"command\": ...])"
            )
            return list
        }
        list.expect(lines.count == 1, "the failed SET was logged \(lines.count) times; once is enough")
        list.expect(
            line["level"] as? String == "error",
            "the failed SET was logged at level \(line["level"] ?? "?"); a failure is an error"
        )
        list.expect(
            line["trace_id"] as? String == traceID,
            "the line has trace_id \(line["trace_id"] ?? "none"), not the request's \(traceID): log with the app's "
                + "logger, from commandFinished, so that the request's span is current"
        )
        list.expect(
            (line["error"] as? String).map { !$0.isEmpty } ?? false,
            "the line has no \"error\" field saying what went wrong: \(describe(line))"
        )
        list.expect(
            line["redis_address"] as? String == "127.0.0.1:\(closedPort)",
            "the line's \"redis_address\" is \(line["redis_address"] ?? "missing"), not 127.0.0.1:\(closedPort)"
        )
        list.expect(
            line["duration_ms"] is NSNumber && !(line["duration_ms"] is String),
            "the line's \"duration_ms\" is \(line["duration_ms"] ?? "missing"), not a number: use .stringConvertible(milliseconds)"
        )
        return list
    }

    private static func describe(_ line: [String: Any]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(line)"
    }

    // MARK: 11-redis-span

    static func redisSpan(_ module: any WorkshopModule, _ redis: RedisAddress) async throws -> Checklist {
        var list = Checklist()
        let key = "exercise11:\(UUID().uuidString.prefix(8))"
        // The shared lookup inside, so that this exercise does not depend on exercise 02.
        let lookup = module.makeItemLookupSpan(wrapping: RedisItemLookup())

        let up = RedisClient(host: redis.host, port: redis.port, timeout: .milliseconds(500))
        try await up.set(key, "v")
        let found = try await lookupSpans(lookup, key: key, redis: up)
        // A key that is not stored: Redis answers (nil), the lookup throws its 404.
        let missing = try await lookupSpans(lookup, key: key + ":missing", redis: up)
        await up.shutdown()
        guard let span = found.spans.first(where: { $0.kind == .client }) else {
            list.fail(
                "a lookup of a stored key made no client span (spans: \(found.spans.map { "\($0.operationName) \($0.kind)" })). "
                    + "Wrap the call in withSpan(\"GET\", ofKind: .client) { span in ... }"
            )
            return list
        }
        list.expect(found.error == nil, "the traced lookup of a stored key threw \(found.error.map { "\($0)" } ?? "")")
        list.expect(span.operationName == "GET", "the client span is named \(span.operationName), not GET")
        list.expect(
            span.parentSpanID == found.parentSpanID,
            "the client span's parent is \(span.parentSpanID ?? "none"), not the request's span: start it from the current context"
        )
        let expected: [(String, SpanAttribute)] = [
            ("db.system.name", .string("redis")), ("db.operation.name", .string("GET")),
            ("server.address", .string(redis.host)), ("server.port", .int64(Int64(redis.port))),
        ]
        for (name, value) in expected {
            let actual = span.attributes.get(name)
            list.expect(
                actual == value || (name == "server.port" && actual == .int32(Int32(redis.port))),
                "the span's attribute \(name) is \(actual.map { "\($0)" } ?? "missing"), expected \(value)"
            )
        }
        list.expect(span.status?.code != .error, "the lookup of a stored key worked, but the span's status is an error")
        list.expect(
            (missing.error as? AppError)?.status == .notFound,
            "the traced lookup of a missing key threw \(missing.error.map { "\($0)" } ?? "nothing"), not the lookup's 404"
        )
        if let missingSpan = missing.spans.first(where: { $0.kind == .client }) {
            list.expect(
                missingSpan.status?.code != .error && missingSpan.errors.isEmpty,
                "a lookup of a missing key marked the client span as failed, but Redis answered: the key does not "
                    + "exist. Let only Redis's errors be thrown inside withSpan; return the lookup's AppError out of it "
                    + "(as a Result) and throw it after"
            )
        }

        // Redis stopped: nothing listens on the port.
        let closedPort = try LoopbackPort.free()
        let down = RedisClient(host: "127.0.0.1", port: closedPort, timeout: .milliseconds(500))
        let failed = try await lookupSpans(lookup, key: key, redis: down)
        await down.shutdown()
        let failedSpan = failed.spans.first { $0.kind == .client }
        list.expect(
            failed.error != nil,
            "with Redis stopped, the traced lookup did not throw: let Redis's error through"
        )
        list.expect(
            failedSpan?.status?.code == .error,
            "with Redis stopped (nothing listens on 127.0.0.1:\(closedPort)), the client span's status is "
                + "\(failedSpan.map { "\($0.status?.code == nil ? "unset" : "\($0.status!.code)")" } ?? "missing: no client span"); "
                + "expected an error (withSpan sets it when the closure throws)"
        )
        return list
    }

    /// What one traced lookup left: the spans finished under a parent span of an `InMemoryTracer`.
    private struct TracedLookup {
        var spans: [FinishedInMemorySpan]
        var parentSpanID: String
        var error: (any Error)?
    }

    private static func lookupSpans(
        _ lookup: any ItemLookup,
        key: String,
        redis: RedisClient
    ) async throws -> TracedLookup {
        let tracer = InMemoryTracer()
        let parent = tracer.startSpan("request", context: .topLevel, ofKind: .server)
        var thrown: (any Error)?
        await withTracer(tracer) {
            await ServiceContext.$current.withValue(parent.context) {
                do {
                    _ = try await lookup.item(forKey: key, in: redis)
                } catch {
                    thrown = error
                }
            }
        }
        parent.end()
        return TracedLookup(
            spans: tracer.finishedSpans.filter { $0.operationName != "request" },
            parentSpanID: parent.spanContext.spanID,
            error: thrown
        )
    }
}
