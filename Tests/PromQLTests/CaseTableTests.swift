import Foundation
import Testing

@testable import PromQL

@Suite("The shared case table")
struct CaseTableTests {
    /// Why an answer differs from the table, which records Debian's Prometheus 2.42 where it words
    /// things differently from current Prometheus (3.x), which this parser follows.
    enum Reason {
        static let regex = "Prometheus 3 anchors regexes as ^(?s:...)$; 2.42 as ^(?:...)$"
        static let bracket = "the current lexer reads brackets as duration expressions; 2.42's wording"
        static let offset0 = "only ranges and steps must be positive now; 2.42 rejected a zero offset"
        static let offsetmsg = "the current parser lists number, duration, step(), or range(); 2.42 says duration"
        static let numfmt =
            "Prometheus 3.3+ prints numbers with FormatFloat('f', -1) (prometheus/prometheus#16083); 2.42 used %v"
        static let numlex =
            "the current lexer rejects a repeated dot or exponent and a dangling exponent inside the number"
        static let underscore = "the current lexer accepts Go-style digit separators"
        static let durnum = "durations are numbers now: 1e3m lexes as a duration that is not a valid one"
        static let limit = "limitk and limit_ratio are experimental aggregations in Prometheus 3"
        static let bytes =
            "Swift strings hold Unicode text: escaped bytes that are not UTF-8 become U+FFFD and print as \\ufffd; "
            + "Prometheus keeps the raw bytes and prints \\xNN (same verdict and type)"
    }

    /// Where the parser deliberately answers differently from every Prometheus version, with the reason.
    static let deliberateDeviations: [String: (answer: String, reason: String)] = [
        #"process_resident_memory_bytes{instance="\x41\202"}"#: (
            #"OK vector process_resident_memory_bytes{instance="A\ufffd"}"#, Reason.bytes
        ),
        #"process_resident_memory_bytes{instance="\xff"}"#: (
            #"OK vector process_resident_memory_bytes{instance="\ufffd"}"#, Reason.bytes
        ),
        #"label_replace(up, "a", "\x80", "b", "")"#: (
            #"OK vector label_replace(up, "a", "\ufffd", "b", "")"#, Reason.bytes
        ),
    ]

    /// The cases where the parser answers as current Prometheus and the table holds 2.42's answer:
    /// expression → (the parser's answer as `OK <type> <canonical>` or `ERR <line>:<column> <message>`, why).
    static let currentPrometheusAnswers: [String: (answer: String, reason: String)] = [
        "http_requests_total{status=~\"5(..\"}": (
            "ERR 1:21 error parsing regexp: missing closing ): `^(?s:5(..)$`", Reason.regex
        ),
        "http_requests_total[5x]": ("ERR 1:21 bad number or duration syntax: \"5\"", Reason.bracket),
        "http_requests_total[-5m]": ("ERR 1:21 duration must be greater than 0", Reason.bracket),
        "http_requests_total[5M]": ("ERR 1:21 bad number or duration syntax: \"5\"", Reason.bracket),
        "http_requests_total[5mm]": ("ERR 1:21 bad number or duration syntax: \"5mm\"", Reason.bracket),
        "http_requests_total[]": (
            "ERR 1:21 unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()",
            Reason.bracket
        ),
        "http_requests_total[\"5m\"]": ("ERR 1:21 unexpected character in duration expression: '\"'", Reason.bracket),
        "http_requests_total[1h30]": ("ERR 1:21 bad number or duration syntax: \"1h30\"", Reason.bracket),
        "http_requests_total[m]": ("ERR 1:21 unexpected character in duration expression: 'm'", Reason.bracket),
        "http_requests_total[5m offset 1m]": ("ERR 1:24 unexpected character: 'o', expected ':'", Reason.bracket),
        "http_requests_total[:1m]": (
            "ERR 1:22 unexpected colon before duration in duration expression", Reason.bracket
        ),
        "http_requests_total[5m:-1m]": ("ERR 1:24 duration must be greater than 0", Reason.bracket),
        "http_requests_total offset 0s": ("OK vector http_requests_total", Reason.offset0),
        "http_requests_total offset": (
            "ERR 1:27 unexpected end of input in offset, expected number, duration, step(), or range()",
            Reason.offsetmsg
        ),
        "1e308": (
            "OK scalar 100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            Reason.numfmt
        ),
        "-1e-320": (
            "OK scalar -0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
            Reason.numfmt
        ),
        "123456789012345678901234567890": ("OK scalar 123456789012345680000000000000", Reason.numfmt),
        "1e": ("ERR 1:1 bad number or duration syntax: \"1e\"", Reason.numlex),
        "1.2.3": ("ERR 1:1 bad number or duration syntax: \"1.2.\"", Reason.numlex),
        "1e+": ("ERR 1:1 bad number or duration syntax: \"1e+\"", Reason.numlex),
        "1..2": ("ERR 1:1 bad number or duration syntax: \"1..\"", Reason.numlex),
        "1_000": ("OK scalar 1000", Reason.underscore),
        "1e3m": ("ERR 1:1 not a valid duration string: \"1e3m\"", Reason.durnum),
        "limitk(2, http_requests_total)": (
            "ERR 1:1 limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions",
            Reason.limit
        ),
        "limit_ratio(0.5, http_requests_total)": (
            "ERR 1:1 limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions",
            Reason.limit
        ),
        "days_in_month(vector(1700000000))": ("OK vector days_in_month(vector(1700000000))", Reason.numfmt),
    ]

    /// Renders a parse result the way `currentPrometheusAnswers` spells answers.
    private static func answer(_ expr: String) -> String {
        do {
            let tree = try PromQLParser.parse(expr)
            return "OK \(tree.type.rawValue) \(PromQLPrinter.print(tree))"
        } catch {
            return "ERR \(error.position.line):\(error.position.column) \(error.message)"
        }
    }

    @Test("the table exists and holds at least 400 cases")
    func tableIsThere() throws {
        let cases = try PromQLCase.table()
        #expect(cases.count >= 400, "Tests/PromQLTests/Cases/cases.json has fewer than 400 cases")
    }

    @Test("every case gets Prometheus's verdict, type, canonical form, error position and message")
    func everyCase() throws {
        let cases = try PromQLCase.table()
        #expect(!cases.isEmpty, "Tests/PromQLTests/Cases/cases.json is empty")
        for entry in cases {
            if let current = Self.currentPrometheusAnswers[entry.expr] ?? Self.deliberateDeviations[entry.expr] {
                #expect(Self.answer(entry.expr) == current.answer, "\(entry.expr) (\(current.reason))")
                continue
            }
            do {
                let tree = try PromQLParser.parse(entry.expr)
                #expect(entry.valid, "accepted but Prometheus rejects: \(entry.expr)")
                guard entry.valid else { continue }
                #expect(tree.type.rawValue == entry.type, "type of \(entry.expr)")
                let printed = PromQLPrinter.print(tree)
                #expect(printed == entry.canonical, "canonical form of \(entry.expr)")
                let reparsed = try PromQLParser.parse(printed)
                #expect(reparsed == tree, "parse(print(e)) != e for \(entry.expr)")
            } catch {
                #expect(!entry.valid, "rejected but Prometheus accepts: \(entry.expr): \(error)")
                guard !entry.valid else { continue }
                #expect(error.position.line == entry.line, "line of \(entry.expr)")
                #expect(error.position.column == entry.column, "column of \(entry.expr)")
                #expect(error.message == entry.error, "message of \(entry.expr)")
            }
        }
    }

    @Test("the answers that follow current Prometheus are still about cases of the table")
    func overridesAreInTheTable() throws {
        let expressions = Set(try PromQLCase.table().map(\.expr))
        for expr in Self.currentPrometheusAnswers.keys {
            #expect(expressions.contains(expr), "\(expr) is no longer in the table")
        }
    }
}
