import Course
import CourseGrading
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The student's day, on a copy of the repository without git: code that does not compile, a metric
/// registered twice, an endless loop, a tool killed mid-run. Each time `workshop` must keep working,
/// say what is wrong in words, and grade everything it can.
@Suite("A student's broken code", .serialized)
struct StudentScenarioTests {
    static let requestMetrics = "Exercises/Sources/RequestMetrics.swift"
    static let cacheMetrics = "Exercises/Sources/CacheMetrics.swift"
    static let healthCheck = "Exercises/Sources/HealthCheck.swift"
    static let itemLookupSpan = "Exercises/Sources/ItemLookupSpan.swift"

    @Test("as shipped: status grades all eleven, none passes, nothing crashes")
    func asShipped() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        let run = try await copy.workshop(["status"])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("0 of 11 exercises pass"), "\(run.output)")
        #expect(run.output.contains("swift run workshop verify 01"), "\(run.output)")
        #expect(run.output.contains(SetupReport.working), "the setup is not reported as working: \(run.output)")
        for word in ["crashed", "could not run", "did not finish", "does not compile"] {
            #expect(!run.output.contains(word), "\(word): \(run.output)")
        }
    }

    @Test("a syntax error: status names the file, line and exercise and still grades 07 to 09; hint and reset work")
    func syntaxError() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        let starter = try copy.read(Self.requestMetrics)
        try copy.write(
            Self.requestMetrics,
            starter.replacingOccurrences(
                of: "    public func requestStarted() {",
                with: "    public func requestStarted() {\n        let broken = = 1"
            )
        )
        let status = try await copy.workshop(["status"])
        #expect(status.status == 1)
        #expect(status.output.contains("Your code does not compile"), "\(status.output)")
        #expect(
            status.output.contains("\(Self.requestMetrics):") && status.output.contains("(exercises 03, 04, 05)"),
            "\(status.output)"
        )
        for id in ["07-cache-miss-panel", "08-p95-latency", "09-error-ratio"] {
            #expect(status.output.contains(id), "\(status.output)")
        }
        let verify = try await copy.workshop(["verify", "08"])
        #expect(verify.output.contains("08-p95-latency: not yet"), "08 is graded without the code: \(verify.output)")
        #expect(!verify.output.contains("does not compile"), "\(verify.output)")
        let hint = try await copy.workshop(["hint", "03"])
        #expect(hint.status == 0 && hint.output.contains("03-request-counter, hint 1"), "\(hint.output)")
        let reset = try await copy.workshop(["reset", "03", "--yes"])
        #expect(reset.status == 0, "\(reset.output)")
        #expect(try copy.read(Self.requestMetrics) == starter)
    }

    @Test("a metric registered twice with two help texts fails 06 only, with the cause in words")
    func duplicateRegistration() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        try copy.write(
            Self.cacheMetrics,
            """
            import AppCore
            import AppMetrics
            import Prometheus

            public final class CacheMetrics: ItemLookupObserver {
                private let misses: Counter
                private let missed: Counter

                public init(registry: PrometheusCollectorRegistry) {
                    misses = registry.makeCounter(name: MetricNames.cacheMissTotal, help: "Cache misses")
                    missed = registry.makeCounter(name: MetricNames.cacheMissTotal, help: "Lookups that missed")
                }

                public func lookupFinished(found: Bool) {
                    if !found { misses.increment() }
                }
            }

            """
        )
        let status = try await copy.workshop(["status"])
        #expect(status.status == 1, "the run ends normally, with not-yet verdicts: \(status.output)")
        let table = status.output.split(separator: "\n").filter {
            $0.range(of: #"^\d\d-"#, options: .regularExpression) != nil
        }
        #expect(table.count == 11, "all eleven verdicts are printed: \(status.output)")
        let verify = try await copy.workshop(["verify", "06"])
        #expect(
            verify.output.contains("redis_app_cache_miss_total was registered twice with different help texts"),
            "\(verify.output)"
        )
    }

    @Test("a counter registered without _total fails 06 with the right name and why")
    func counterWithoutTotal() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        try copy.write(
            Self.cacheMetrics,
            """
            import AppCore
            import AppMetrics
            import Prometheus

            public final class CacheMetrics: ItemLookupObserver {
                private let misses: Counter

                public init(registry: PrometheusCollectorRegistry) {
                    misses = registry.makeCounter(name: "redis_app_cache_miss", help: "Cache misses")
                }

                public func lookupFinished(found: Bool) {
                    if !found { misses.increment() }
                }
            }

            """
        )
        let verify = try await copy.workshop(["verify", "06"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(
            verify.output.contains(
                "found redis_app_cache_miss in /metrics, but the metric's name is redis_app_cache_miss_total"
            ) && verify.output.contains("adds no suffix"),
            "\(verify.output)"
        )
    }

    @Test("a span that lets a missing key's 404 through fails 11 on that check alone, with the way out in words")
    func missingKeyAsError() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        try copy.write(
            Self.itemLookupSpan,
            """
            import AppCore
            import RedisClient
            import Tracing

            public struct ItemLookupSpan: ItemLookup {
                public let lookup: any ItemLookup

                public init(lookup: any ItemLookup) {
                    self.lookup = lookup
                }

                public func item(forKey key: String, in redis: RedisClient) async throws -> Item {
                    try await withSpan("GET", ofKind: .client) { span in
                        span.attributes["db.system.name"] = "redis"
                        span.attributes["db.operation.name"] = "GET"
                        span.attributes["server.address"] = redis.host
                        span.attributes["server.port"] = redis.port
                        return try await lookup.item(forKey: key, in: redis)
                    }
                }
            }

            """
        )
        let verify = try await copy.workshop(["verify", "11"])
        #expect(verify.status == 1, "\(verify.output)")
        #expect(verify.output.contains("marked the client span as failed, but Redis answered"), "\(verify.output)")
        #expect(verify.output.contains("as a Result"), "\(verify.output)")
        for other in ["made no client span", "the span's attribute", "with Redis stopped"] {
            #expect(!verify.output.contains(other), "\(other): \(verify.output)")
        }
    }

    @Test("an endless loop fails that exercise at its time limit, and the others are still graded")
    func endlessLoop() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        let starter = try copy.read(Self.healthCheck)
        let looping = starter.replacingOccurrences(
            of: "// TODO(01)",
            with: "while Int.random(in: 0...1) < 2 {}\n        // TODO(01)"
        )
        try #require(looping != starter, "the starter's TODO(01) marker moved")
        try copy.write(Self.healthCheck, looping)
        for arguments in [["verify", "01"], ["status"]] {
            let run = try await ManagedProcess.run(
                executable: copy.root + "/.build/debug/workshop",
                arguments: arguments,
                environment: ["WORKSHOP_CHECK_SECONDS": "8"],
                removingEnvironment: ["INFRAOBS_MAINTAINER", "WORKSHOP_TARGET", "REDIS_HOST", "REDIS_PORT"],
                currentDirectory: URL(fileURLWithPath: copy.root),
                timeout: 900
            )
            if arguments == ["status"] {
                let rows = run.output.split(separator: "\n").filter {
                    $0.range(of: #"^\d\d-"#, options: .regularExpression) != nil
                }
                #expect(rows.count == 11, "the other exercises are still graded: \(run.output)")
            } else {
                #expect(run.output.contains("did not finish within 8 s"), "\(run.output)")
            }
        }
    }

    @Test("workshop killed with SIGKILL while grading leaves no Redis behind")
    func killedTool() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        try await copy.swift(["build", "--product", "workshop-grader"], timeout: 1800)
        let before = Set(Self.redisServers())
        let tool = try ManagedProcess.launch(
            executable: copy.root + "/.build/debug/workshop",
            arguments: ["status"],
            removingEnvironment: ["INFRAOBS_MAINTAINER", "WORKSHOP_TARGET", "REDIS_HOST", "REDIS_PORT"],
            currentDirectory: URL(fileURLWithPath: copy.root)
        )
        var started: Set<Int32> = []
        let deadline = Date().addingTimeInterval(120)
        while started.isEmpty && Date() < deadline && tool.isRunning {
            // Only this tool's Redis: other tests on the machine start theirs too.
            started = Set(Self.redisServers()).subtracting(before).filter { Self.isDescendant($0, of: tool.pid) }
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(!started.isEmpty, "workshop status never started its Redis: \(tool.log())")
        tool.send(SIGKILL)
        _ = tool.waitForExit()
        let gone = Date().addingTimeInterval(5)
        while !Set(Self.redisServers()).isDisjoint(with: started) && Date() < gone {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Set(Self.redisServers()).isDisjoint(with: started), "Redis outlived the tool that started it")
    }

    @Test("watch re-checks on a save, moves on when the exercise passes, and stops cleanly on Ctrl-C")
    func watch() async throws {
        let copy = try await StudentCopy.prepare()
        try copy.restoreStarters()
        let tool = try ManagedProcess.launch(
            executable: copy.root + "/.build/debug/workshop",
            arguments: ["watch", "07", "--poll-milliseconds", "200"],
            removingEnvironment: ["INFRAOBS_MAINTAINER", "WORKSHOP_TARGET", "REDIS_HOST", "REDIS_PORT"],
            currentDirectory: URL(fileURLWithPath: copy.root)
        )
        defer { if tool.isRunning { tool.send(SIGKILL) } }
        func waitFor(_ text: String, count: Int = 1) async throws {
            let deadline = Date().addingTimeInterval(120)
            while tool.log().components(separatedBy: text).count - 1 < count && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            try #require(tool.log().components(separatedBy: text).count - 1 >= count, "no \(text): \(tool.log())")
        }
        try await waitFor("07-cache-miss-panel: not yet")
        try await waitFor("Waiting for your next save")
        let solved = try String(
            contentsOfFile: copy.original.path("Solutions/dashboards/workshop.json"),
            encoding: .utf8
        )
        try copy.write("Exercises/dashboards/workshop.json", solved)
        try await waitFor("07-cache-miss-panel: passed")
        try await waitFor("== 08-p95-latency")
        try await waitFor("08-p95-latency: passed")
        try await waitFor("09-error-ratio: not yet")
        tool.send(SIGINT)
        let status = tool.waitForExit()
        #expect(status == 0, "Ctrl-C ends watch with status 0: \(tool.log())")
        #expect(tool.log().contains("Stopped watching."))
    }

    /// The process IDs of live (not zombie) `redis-server` processes whose folder is one of the grader's.
    /// True when `pid`'s chain of parents reaches `ancestor`.
    static func isDescendant(_ pid: Int32, of ancestor: Int32) -> Bool {
        var current = pid
        for _ in 0..<16 {
            guard let status = try? String(contentsOfFile: "/proc/\(current)/stat", encoding: .utf8),
                let fields = status.split(separator: ")").last?.split(separator: " "), fields.count > 1,
                let parent = Int32(fields[1])
            else { return false }
            if parent == ancestor { return true }
            if parent <= 1 { return false }
            current = parent
        }
        return false
    }

    static func redisServers() -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            else { return false }
            let arguments = String(decoding: command, as: UTF8.self)
            let state = status.split(separator: ")").last?.split(separator: " ").first
            return arguments.contains("redis-server") && arguments.contains("workshop-redis-") && state != "Z"
        }
    }
}
