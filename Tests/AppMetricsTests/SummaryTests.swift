import AppMetrics
import AppTracing
import Exposition
import Foundation
import Prometheus
import TestSupport
import Testing

@Suite("The summary")
struct SummaryTests {
    /// The observation of rank `max(1, ceil(q·n))` in sorted order: the quantile the summary promises to
    /// approximate within 1%.
    static func exactQuantile(_ q: Double, of sorted: [Double]) -> Double {
        let rank = max(1, Int((q * Double(sorted.count) - 1e-9).rounded(.up)))
        return sorted[rank - 1]
    }

    /// Distributions of durations in seconds, drawn from a fixed seed.
    enum Distribution: String, CaseIterable, CustomTestStringConvertible {
        case uniform = "uniform over 1 ms to 1 s"
        case exponential = "exponential with a 50 ms mean"
        case bimodal = "bimodal: 90% near 5 ms, 10% near 500 ms"

        var testDescription: String { rawValue }

        func draw(using generator: inout SplitMix64) -> Double {
            switch self {
            case .uniform:
                return Double.random(in: 0.001..<1, using: &generator)
            case .exponential:
                return -0.05 * log(1 - Double.random(in: 0..<1, using: &generator))
            case .bimodal:
                return Double.random(in: 0..<1, using: &generator) < 0.9
                    ? Double.random(in: 0.004..<0.006, using: &generator)
                    : Double.random(in: 0.4..<0.6, using: &generator)
            }
        }
    }

    @Test("reports every quantile within 1% of the exact one", arguments: Distribution.allCases)
    func accuracy(distribution: Distribution) throws {
        let summaries = SummaryRegistry(now: { .zero })
        let summary = try summaries.makeFamily(name: "latency_seconds", help: "Latency.").summary(labelValues: [])
        var generator = SplitMix64(seed: 42)
        var values: [Double] = []
        for _ in 0..<100_000 {
            let value = distribution.draw(using: &generator)
            values.append(value)
            summary.observe(value)
        }
        values.sort()
        for (q, estimate) in zip(summary.quantiles, summary.quantileValues()) {
            let exact = Self.exactQuantile(q, of: values)
            #expect(
                abs(estimate - exact) <= Summary.relativeAccuracy * exact,
                "\(distribution.rawValue): q=\(q) estimated \(estimate), exact \(exact)"
            )
        }
        let totals = summary.totals
        #expect(totals.count == 100_000)
        #expect(abs(totals.sum - values.reduce(0, +)) < 1e-6 * totals.sum)
    }

    @Test("is exact to within 1% on a handful of observations")
    func smallSample() throws {
        let summaries = SummaryRegistry(now: { .zero })
        let summary = try summaries.makeFamily(name: "x", help: "X.", quantiles: [0, 0.5, 1]).summary(labelValues: [])
        for value in [0.3, 0.1, 0.2] { summary.observe(value) }
        let values = summary.quantileValues()
        #expect(abs(values[0] - 0.1) <= 0.001)
        #expect(abs(values[1] - 0.2) <= 0.002)
        #expect(abs(values[2] - 0.3) <= 0.003)
    }

    @Test("forgets observations older than the window but keeps them in _sum and _count")
    func windowRotation() throws {
        let clock = ManualClock()
        let summaries = SummaryRegistry(window: .seconds(60), slices: 5, now: { clock.now() })
        let summary = try summaries.makeFamily(name: "x", help: "X.", quantiles: [0.25, 0.75]).summary(labelValues: [])
        for _ in 0..<100 { summary.observe(1.0) }
        clock.set(.seconds(30))
        for _ in 0..<100 { summary.observe(2.0) }

        clock.set(.seconds(59))
        var values = summary.quantileValues()
        #expect(abs(values[0] - 1.0) <= 0.01, "both minutes' observations still count at 59 s: \(values)")
        #expect(abs(values[1] - 2.0) <= 0.02)

        clock.set(.seconds(61))
        values = summary.quantileValues()
        #expect(abs(values[0] - 2.0) <= 0.02, "the observations made at 0 s left the window at 60 s: \(values)")

        clock.set(.seconds(95))
        #expect(summary.quantileValues().allSatisfy { $0.isNaN }, "the window is empty at 95 s")
        #expect(summary.totals.count == 200)
        #expect(summary.totals.sum == 300)
    }

    @Test("counts observations made after a long silence in a fresh slice")
    func reuseAfterSilence() throws {
        let clock = ManualClock()
        let summaries = SummaryRegistry(now: { clock.now() })
        let summary = try summaries.makeFamily(name: "x", help: "X.", quantiles: [0.5]).summary(labelValues: [])
        summary.observe(5)
        clock.set(.seconds(3600))
        summary.observe(1)
        #expect(abs(summary.quantileValues()[0] - 1) <= 0.01)
    }

    @Test("writes a summary family that the exposition parser reads back")
    func exposition() throws {
        let summaries = SummaryRegistry(now: { .zero })
        let family = try summaries.makeFamily(
            name: "rpc_seconds",
            help: #"RPC time, with a \ backslash."#,
            labelNames: ["method", "path"]
        )
        let summary = family.summary(labelValues: ["GET", #"a "quoted" \ path"#])
        for value in [0.1, 0.2, 0.3, 0.4] { summary.observe(value) }
        _ = family.summary(labelValues: ["POST"])
        var buffer: [UInt8] = []
        summaries.emit(into: &buffer)
        let families = try ExpositionParser.parse(String(decoding: buffer, as: UTF8.self))
        #expect(families.count == 1)
        let parsed = try #require(families.family(named: "rpc_seconds"))
        #expect(parsed.type == .summary)
        #expect(parsed.help == #"RPC time, with a \ backslash."#)
        let labels = ["method": "GET", "path": #"a "quoted" \ path"#]
        #expect(
            parsed.samples(named: "rpc_seconds", matching: labels).map { $0.labels["quantile"] ?? "" } == [
                "0.5", "0.9", "0.95", "0.99",
            ]
        )
        let median = try #require(parsed.value(labels: labels.merging(["quantile": "0.5"]) { $1 }))
        #expect(abs(median - 0.2) <= 0.002)
        #expect(parsed.value(of: "rpc_seconds_count", labels: labels) == 4)
        #expect(abs((parsed.value(of: "rpc_seconds_sum", labels: labels) ?? 0) - 1.0) < 1e-9)
        let empty = ["method": "POST", "path": ""]
        #expect(parsed.value(labels: empty.merging(["quantile": "0.99"]) { $1 })?.isNaN == true)
        #expect(parsed.value(of: "rpc_seconds_count", labels: empty) == 0)
    }

    @Test("writes nothing for a family without series")
    func emptyFamily() throws {
        let summaries = SummaryRegistry()
        _ = try summaries.makeFamily(name: "unused_seconds", help: "Unused.")
        var buffer: [UInt8] = []
        summaries.emit(into: &buffer)
        #expect(buffer.isEmpty)
    }

    @Test("takes zero, negative, infinite and NaN observations without trapping")
    func oddValues() throws {
        let summaries = SummaryRegistry(now: { .zero })
        let summary = try summaries.makeFamily(name: "x", help: "X.", quantiles: [0, 1]).summary(labelValues: [])
        for value in [0, -3, .infinity, .nan, 1e-300, 1e300] { summary.observe(value) }
        let values = summary.quantileValues()
        #expect(values[0] == 0)
        #expect(values[1] == .infinity)
        #expect(summary.totals.count == 6)
    }

    @Test("refuses names that another family writes, malformed names and a quantile label")
    func nameCollisions() throws {
        let registry = PrometheusCollectorRegistry()
        _ = registry.makeCounter(descriptor: MetricNameDescriptor(name: "jobs_count", help: "Jobs."))
        _ = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(name: "size_bytes", help: "Sizes."),
            buckets: [1, 2]
        )
        let summaries = SummaryRegistry(alongside: registry)
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "jobs", help: "Jobs.") }
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "size_bytes", help: "Sizes.") }
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "process_open_fds", help: "FDs.") }
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "1st", help: "Bad.") }
        #expect(throws: MetricsError.self) {
            try summaries.makeFamily(name: "ok_seconds", help: "Ok.", labelNames: ["quantile"])
        }
        #expect(throws: MetricsError.self) {
            try summaries.makeFamily(name: "ok_seconds", help: "Ok.", labelNames: ["a", "a"])
        }
        let family = try summaries.makeFamily(name: "ok_seconds", help: "Ok.", labelNames: ["a"])
        #expect(try summaries.makeFamily(name: "ok_seconds", help: "Ok.", labelNames: ["a"]) === family)
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "ok_seconds", help: "Ok.") }
        #expect(throws: MetricsError.self) { try summaries.makeFamily(name: "ok_seconds_sum", help: "Ok.") }
    }
}
