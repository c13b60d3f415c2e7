import Foundation
import TestSupport
import Testing

/// Prometheus is the judge of the case table: every case is sent to a real Prometheus.
@Suite("The case table agrees with a real Prometheus")
struct PrometheusVerdictTests {
    /// Every non-experimental function of current Prometheus; each needs a valid call in the table.
    static let functions = [
        "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh", "avg_over_time", "ceil",
        "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "deg", "delta", "deriv", "exp", "floor", "histogram_avg", "histogram_count",
        "histogram_fraction", "histogram_quantile", "histogram_stddev", "histogram_stdvar", "histogram_sum", "hour",
        "idelta", "increase", "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
        "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time",
        "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_desc",
        "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh", "time", "timestamp", "vector",
        "year",
    ]

    /// Every aggregation operator that needs no feature flag.
    static let aggregations = [
        "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
    ]

    @Test("has at least 450 cases, both verdicts, and a valid call of every function and aggregation")
    func coverage() throws {
        let table = try PromQLCase.table()
        #expect(table.count >= 450)
        #expect(table.filter(\.valid).count >= 200)
        #expect(table.filter { !$0.valid }.count >= 200)
        #expect(Set(table.map(\.expr)).count == table.count, "expressions must be unique")
        let validExpressions = table.filter(\.valid).map(\.expr)
        for name in Self.functions + Self.aggregations {
            #expect(
                validExpressions.contains { $0.contains("\(name)(") || $0.contains("\(name) by") },
                "no valid call of \(name) in the table"
            )
        }
        for entry in table {
            if entry.valid {
                #expect(
                    entry.type != nil && entry.canonical != nil,
                    "valid case without type or canonical: \(entry.expr)"
                )
            } else {
                #expect(
                    entry.error != nil && entry.line != nil && entry.column != nil,
                    "invalid case without error and position: \(entry.expr)"
                )
            }
        }
    }

    @Test("gives every case the verdict, type and error that Prometheus gives")
    func verdicts() async throws {
        let table = try PromQLCase.table()
        let server = try await PrometheusServer.start()
        defer { server.stop() }

        let disagreements = try await withThrowingTaskGroup(of: [String].self) { group in
            // A few queries in flight at once; the session reuses its connections.
            let lanes = 8
            for lane in 0..<lanes {
                group.addTask {
                    var found: [String] = []
                    for index in stride(from: lane, to: table.count, by: lanes) {
                        found += try await Self.check(table[index], on: server)
                    }
                    return found
                }
            }
            var all: [String] = []
            for try await found in group { all += found }
            return all
        }
        let report = disagreements.sorted().joined(separator: "\n")
        #expect(
            disagreements.isEmpty,
            "\(disagreements.count) of \(table.count) cases disagree with Prometheus:\n\(report)"
        )
    }

    /// Compares one case with Prometheus's answer; returns what differs.
    static func check(_ entry: PromQLCase, on server: PrometheusServer) async throws -> [String] {
        let answer = try await server.query(entry.expr)
        let accepted = answer.errorType != "bad_data"
        let shown = String(reflecting: entry.expr)
        if accepted != entry.validIn242 {
            let marker = entry.prometheus242 == nil ? "" : " (marked as a 2.42 difference)"
            return [
                "\(shown): table says \(entry.validIn242 ? "valid" : "invalid") in 2.42\(marker), Prometheus "
                    + (accepted ? "accepts it" : "rejects it: \(answer.queryError ?? "")")
            ]
        }
        if !accepted, let expected = entry.expectedError242 {
            let actual = (answer.queryError ?? "").replacingOccurrences(of: " parse error:", with: "")
            if actual != expected {
                return [
                    "\(shown): table's error \(String(reflecting: expected)), Prometheus \(String(reflecting: actual))"
                ]
            }
        }
        if accepted, entry.prometheus242 == nil, answer.isSuccess, answer.resultType != entry.type {
            return ["\(shown): table's type \(entry.type ?? "none"), Prometheus \(answer.resultType ?? "none")"]
        }
        return []
    }
}
