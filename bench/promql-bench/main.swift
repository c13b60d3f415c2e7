// Measures the PromQL parser alone, in one thread: lexing, parsing, and parsing with type checking.
//
// Usage: promql-bench [--count N] [--stage lex|parse|check]... [--cases PATH] [--dashboard PATH]...
//   --count N         expressions per measured row (default 500000): each set is repeated up to N
//   --stage S         measure only this stage (may be given more than once; default all three)
//   --cases PATH      the case table (Tests/PromQLTests/Cases/cases.json): its valid expressions form a set
//   --dashboard PATH  a Grafana dashboard: its targets' expressions form a set, with `$__rate_interval` and
//                     `$__interval` read as 1m, `$__range` as 6h (may be given more than once)
//
// The "typical" set is built in: ten expressions of the workshop's dashboards, variables expanded (the same
// ten bench/checker.sh feeds to `dashboard-check promql`). Each row reports CPU seconds of this process and
// wall seconds, and the rates per CPU second and per wall second. bench/promql-parse.sh builds and runs it.

import Foundation
import PromQL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Typical dashboard expressions: request rates, error ratios, latency quantiles, cache ratios, gauges.
let typical = [
    #"sum by (status) (rate(http_requests_total{job="app"}[1m]))"#,
    #"histogram_quantile(0.95, sum by (le, handler) (rate(http_request_duration_seconds_bucket{job="app"}[1m])))"#,
    #"sum(rate(http_requests_total{status=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))"#,
    #"rate(redis_app_cache_miss_total[1m])"#,
    #"sum(rate(redis_app_cache_hit_total[1m])) / (sum(rate(redis_app_cache_hit_total[1m])) + sum(rate(redis_app_cache_miss_total[1m])))"#,
    #"http_requests_in_progress{job="app"}"#,
    #"process_resident_memory_bytes{job="app"}"#,
    #"rate(process_cpu_seconds_total{job="app"}[1m])"#,
    #"histogram_quantile(0.99, sum by (le, command) (rate(redis_app_redis_command_duration_seconds_bucket[1m])))"#,
    #"sum by (command, kind) (increase(redis_app_redis_errors_total[6h]))"#,
]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("promql-bench: \(message)\n".utf8))
    exit(2)
}

/// The valid expressions of the case table.
func loadCases(_ path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path),
        let table = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
    else { fail("cannot read the case table \(path)") }
    return table.compactMap { entry in
        guard entry["valid"] as? Bool == true else { return nil }
        return entry["expr"] as? String
    }
}

/// The `expr` of every target of a Grafana dashboard, with the interval variables expanded.
func loadDashboard(_ path: String) -> [String] {
    guard let data = FileManager.default.contents(atPath: path),
        let dashboard = try? JSONSerialization.jsonObject(with: data)
    else { fail("cannot read the dashboard \(path)") }
    var expressions: [String] = []
    func walk(_ value: Any) {
        if let object = value as? [String: Any] {
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if key == "expr", let expr = child as? String {
                    expressions.append(
                        expr.replacingOccurrences(of: "$__rate_interval", with: "1m")
                            .replacingOccurrences(of: "$__interval", with: "1m")
                            .replacingOccurrences(of: "$__range", with: "6h")
                    )
                } else {
                    walk(child)
                }
            }
        } else if let array = value as? [Any] {
            for child in array { walk(child) }
        }
    }
    walk(dashboard)
    if expressions.isEmpty { fail("no expressions in \(path)") }
    return expressions
}

/// Seconds on the given clock.
func seconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

enum Stage: String, CaseIterable {
    case lex
    case parse
    case check

    /// The name in the table.
    var title: String {
        switch self {
        case .lex: return "lex only"
        case .parse: return "parse"
        case .check: return "parse+check"
        }
    }

    /// Runs the stage over one expression; returns a number derived from the result (so nothing is
    /// optimised away) and whether it failed.
    func run(_ expression: String) -> (checksum: Int, failed: Bool) {
        switch self {
        case .lex:
            var lexer = Lexer(expression)
            var count = 0
            while true {
                let token = lexer.next()
                count += 1
                if token.kind == .eof { return (count, false) }
                if token.kind == .error { return (count, true) }
            }
        case .parse:
            do throws(PromQLError) {
                return (try PromQLParser.parseSyntax(expression).range.end, false)
            } catch {
                return (0, true)
            }
        case .check:
            do throws(PromQLError) {
                return (try PromQLParser.parse(expression).range.end, false)
            } catch {
                return (0, true)
            }
        }
    }
}

// MARK: Arguments

var count = 500_000
var stages: [Stage] = []
var sets: [(name: String, expressions: [String])] = [("typical", typical)]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fail("\(argument) needs a value") }
    switch argument {
    case "--count":
        guard let number = Int(value), number > 0 else { fail("--count wants a positive number, got \(value)") }
        count = number
    case "--stage":
        guard let stage = Stage(rawValue: value) else { fail("--stage wants lex, parse or check, got \(value)") }
        stages.append(stage)
    case "--cases":
        sets.append(("cases.json valid", loadCases(value)))
    case "--dashboard":
        sets.append((URL(fileURLWithPath: value).lastPathComponent, loadDashboard(value)))
    default:
        fail(
            "unknown argument \(argument) (usage: promql-bench [--count N] [--stage S] [--cases PATH] [--dashboard PATH])"
        )
    }
}
if stages.isEmpty { stages = Stage.allCases }

// MARK: Measuring

func row(_ columns: [String]) {
    let widths = [24, 8, 12, 11, 9, 9, 12, 12, 7]
    var line = ""
    for (index, column) in columns.enumerated() {
        let padding = String(repeating: " ", count: max(0, widths[index] - column.count))
        line += index < 2 ? column + padding : padding + column
        if index < columns.count - 1 { line += " " }
    }
    print(line)
}

func rate(_ count: Int, _ seconds: Double) -> String {
    seconds > 0 ? String(Int((Double(count) / seconds).rounded())) : "inf"
}

print("promql-bench: \(count) expressions per row, one thread")
row(["set", "distinct", "stage", "expressions", "cpu (s)", "wall (s)", "per cpu s", "per wall s", "errors"])
var checksum = 0
for set in sets {
    for stage in stages {
        // One untimed pass, so that one-time set-up (tables, first allocations) is not measured.
        for expression in set.expressions { checksum &+= stage.run(expression).checksum }
        var errors = 0
        let cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID)
        let wallStart = seconds(CLOCK_MONOTONIC)
        var index = 0
        for _ in 0..<count {
            let result = stage.run(set.expressions[index])
            checksum &+= result.checksum
            if result.failed { errors += 1 }
            index += 1
            if index == set.expressions.count { index = 0 }
        }
        let cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
        let wall = seconds(CLOCK_MONOTONIC) - wallStart
        row([
            set.name, String(set.expressions.count), stage.title, String(count), String(format: "%.3f", cpu),
            String(format: "%.3f", wall), rate(count, cpu), rate(count, wall), String(errors),
        ])
    }
}
print("checksum \(checksum)")
