import Course
import Foundation
import Prometheus
import Testing

/// What a student reads when their code crashes the grader: the real traps, captured in a child
/// process, turned into words.
@Suite("Crash explanations")
struct CrashExplanationTests {
    private func crash(_ standardError: String, signal: Int32 = 4) -> ChildProcess.Result {
        ChildProcess.Result(
            exitStatus: nil,
            signal: signal,
            timedOut: false,
            standardOutput: "",
            standardError: standardError
        )
    }

    @Test("swift-prometheus's trap on a name registered with two help texts names the metric and the cause")
    func duplicateHelpText() async throws {
        let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let registry = PrometheusCollectorRegistry()
            _ = registry.makeCounter(name: "redis_app_cache_miss_total", help: "Cache misses")
            _ = registry.makeCounter(name: "redis_app_cache_miss_total", help: "Lookups that missed")
        }
        let standardError = String(decoding: try #require(exit).standardErrorContent, as: UTF8.self)
        let problem = CrashExplanation.problem(for: crash(standardError), timeLimit: 60)
        #expect(
            problem.contains("redis_app_cache_miss_total was registered twice with different help texts"),
            "\(problem)"
        )
    }

    @Test("swift-prometheus's trap on one name as two types says a name has one type")
    func typeMismatch() async throws {
        let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let registry = PrometheusCollectorRegistry()
            _ = registry.makeCounter(name: "http_requests_in_progress", help: "x")
            _ = registry.makeGauge(name: "http_requests_in_progress", help: "x")
        }
        let standardError = String(decoding: try #require(exit).standardErrorContent, as: UTF8.self)
        let problem = CrashExplanation.problem(for: crash(standardError), timeLimit: 60)
        #expect(problem.contains("http_requests_in_progress was registered as two different types"), "\(problem)")
    }

    @Test("a force unwrap of nil is named, with its place")
    func forceUnwrap() async throws {
        let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let values: [String: Int] = [:]
            print(values["missing"]!)
        }
        let standardError = String(decoding: try #require(exit).standardErrorContent, as: UTF8.self)
        let problem = CrashExplanation.problem(for: crash(standardError), timeLimit: 60)
        #expect(problem.contains("a force unwrap (!) met nil"), "\(problem)")
        #expect(problem.contains("CrashExplanationTests.swift"), "\(problem)")
    }

    @Test("a check stopped at its time limit says so and suggests an endless loop")
    func timeLimit() {
        let result = ChildProcess.Result(
            exitStatus: nil,
            signal: 9,
            timedOut: true,
            standardOutput: "",
            standardError: ""
        )
        let problem = CrashExplanation.problem(for: result, timeLimit: 7)
        #expect(problem.contains("did not finish within 7 s") && problem.contains("endless loop"))
    }

    @Test("a signal with nothing on standard error is named")
    func bareSignal() {
        #expect(CrashExplanation.problem(for: crash("", signal: 11), timeLimit: 60).contains("SIGSEGV"))
    }
}
