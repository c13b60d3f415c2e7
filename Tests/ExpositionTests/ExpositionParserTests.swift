import Exposition
import Foundation
import TestSupport
import Testing

@Suite("The exposition parser")
struct ExpositionParserTests {
    /// An exposition in the shape of the format's documentation: help with escapes, typed and untyped
    /// families, label values with escapes, timestamps, special values, a histogram and a summary.
    static let documented = #"""
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="0.2"} 100392
        http_request_duration_seconds_bucket{le="0.5"} 129389
        http_request_duration_seconds_bucket{le="1"} 133988
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # Finally a summary, which has a complex representation, too:
        # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.01"} 3102
        rpc_duration_seconds{quantile="0.05"} 3272
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.9"} 9001
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        """#

    @Test("reads every family of the documented example, in order, with types and help")
    func documentedFamilies() throws {
        let families = try ExpositionParser.parse(Self.documented)
        #expect(
            families.map(\.name) == [
                "http_requests_total", "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels",
                "something_weird", "http_request_duration_seconds", "rpc_duration_seconds",
            ]
        )
        #expect(
            families.map(\.type) == [.counter, .untyped, .untyped, .untyped, .histogram, .summary]
        )
        #expect(families.family(named: "http_requests_total")?.help == "The total number of HTTP requests.")
        #expect(families.family(named: "msdos_file_access_time_seconds")?.help == nil)
    }

    @Test("reads labels, values and timestamps of counter samples")
    func counterSamples() throws {
        let families = try ExpositionParser.parse(Self.documented)
        let counter = try #require(families.family(named: "http_requests_total"))
        #expect(
            counter.samples == [
                Sample(
                    name: "http_requests_total",
                    labels: ["method": "post", "code": "200"],
                    value: 1027,
                    timestamp: 1_395_066_363_000
                ),
                Sample(
                    name: "http_requests_total",
                    labels: ["method": "post", "code": "400"],
                    value: 3,
                    timestamp: 1_395_066_363_000
                ),
            ]
        )
        #expect(families.value(of: "metric_without_timestamp_and_labels") == 12.47)
    }

    @Test("unescapes backslashes, quotes and newlines in label values")
    func labelEscapes() throws {
        let families = try ExpositionParser.parse(Self.documented)
        let sample = try #require(families.samples(named: "msdos_file_access_time_seconds").first)
        #expect(sample.labels["path"] == #"C:\DIR\FILE.TXT"#)
        #expect(sample.labels["error"] == "Cannot find file:\n\"FILE.TXT\"")
        #expect(sample.value == 1.458255915e9)
    }

    @Test("reads +Inf with a negative timestamp")
    func infinityBeforeEpoch() throws {
        let families = try ExpositionParser.parse(Self.documented)
        let sample = try #require(families.samples(named: "something_weird").first)
        #expect(sample.value == .infinity)
        #expect(sample.timestamp == -3_982_045)
    }

    @Test("groups _bucket, _sum and _count under their histogram")
    func histogramGrouping() throws {
        let families = try ExpositionParser.parse(Self.documented)
        let histogram = try #require(families.family(named: "http_request_duration_seconds"))
        #expect(histogram.samples.count == 8)
        #expect(
            histogram.samples(named: "http_request_duration_seconds_bucket").map { $0.labels["le"] ?? "" } == [
                "0.05", "0.1", "0.2", "0.5", "1", "+Inf",
            ]
        )
        #expect(histogram.value(of: "http_request_duration_seconds_bucket", labels: ["le": "+Inf"]) == 144320)
        #expect(histogram.value(of: "http_request_duration_seconds_count") == 144320)
        #expect(histogram.value(of: "http_request_duration_seconds_sum") == 53423)
    }

    @Test("groups quantiles, _sum and _count under their summary")
    func summaryGrouping() throws {
        let families = try ExpositionParser.parse(Self.documented)
        let summary = try #require(families.family(named: "rpc_duration_seconds"))
        #expect(summary.help == "A summary of the RPC duration in seconds.")
        #expect(summary.samples.count == 7)
        #expect(summary.value(labels: ["quantile": "0.99"]) == 76656)
        #expect(summary.value(of: "rpc_duration_seconds_sum") == 1.7560473e+07)
        #expect(summary.value(of: "rpc_duration_seconds_count") == 2693)
    }

    @Test("unescapes backslashes and newlines in help text and keeps quotes")
    func helpEscapes() throws {
        let families = try ExpositionParser.parse(
            #"""
            # HELP x A path C:\\tmp, a "quoted" word\nand a second line.
            # TYPE x gauge
            x 1
            """#
        )
        #expect(families.family(named: "x")?.help == "A path C:\\tmp, a \"quoted\" word\nand a second line.")
        #expect(families.family(named: "x")?.type == .gauge)
    }

    @Test("reads NaN, -Inf, exponents, tabs, blank labels sets and a trailing comma")
    func valuesAndSpacing() throws {
        let families = try ExpositionParser.parse(
            "a NaN\nb{} -Inf\nc{x=\"1\",} 1e-3\n\td\t{ y = \"2\" , z=\"\" }\t-7\t42\n\n# just a comment\n#HELPER not help\n"
        )
        #expect(families.map(\.name) == ["a", "b", "c", "d"])
        #expect(families.value(of: "a")?.isNaN == true)
        #expect(families.value(of: "b") == -.infinity)
        #expect(families.value(of: "c", labels: ["x": "1"]) == 0.001)
        let d = try #require(families.samples(named: "d").first)
        #expect(d.labels == ["y": "2", "z": ""])
        #expect(d.value == -7)
        #expect(d.timestamp == 42)
        #expect(families.allSatisfy { $0.type == .untyped })
    }

    @Test("keeps a declared family without samples and labels in UTF-8")
    func emptyFamilyAndUnicode() throws {
        let families = try ExpositionParser.parse(
            "# TYPE idle counter\n# HELP idle Nothing yet.\nx{city=\"Zürich\"} 1\n"
        )
        #expect(families.family(named: "idle") == MetricFamily(name: "idle", type: .counter, help: "Nothing yet."))
        #expect(families.value(of: "x", labels: ["city": "Zürich"]) == 1)
    }

    @Test("does not group _sum and _count under a counter or gauge of the base name")
    func suffixesOfScalars() throws {
        let families = try ExpositionParser.parse("# TYPE x gauge\nx 1\nx_count 2\n")
        #expect(families.map(\.name) == ["x", "x_count"])
        #expect(families.family(named: "x_count")?.type == .untyped)
    }

    /// Malformed input, the line and column the error must point at, and a phrase of its message.
    static let malformed: [(text: String, line: Int, column: Int, message: String)] = [
        ("x 1\ny", 2, 2, "expected a value after the metric name 'y'"),
        ("x abc", 1, 3, "invalid value 'abc'"),
        ("x 1 12.5", 1, 5, "invalid timestamp '12.5'"),
        ("x 1 2 3", 1, 7, "unexpected text after the timestamp"),
        ("9x 1", 1, 1, "expected a metric name, found '9'"),
        ("x-y 1", 1, 2, "unexpected '-' in metric name 'x'"),
        ("x{a=\"1\" 1", 1, 9, "expected ',' or '}'"),
        ("x{a=\"1} 1", 1, 10, "unterminated label value"),
        ("x{a=1} 1", 1, 5, "expected '\"' to open the value of label 'a'"),
        ("x{a} 1", 1, 4, "expected '=' after the label name 'a'"),
        ("x{1a=\"\"} 1", 1, 3, "expected a label name or '}'"),
        ("x{a=\"\\t\"} 1", 1, 6, "invalid escape sequence '\\t'"),
        ("x{a=\"1\",a=\"2\"} 1", 1, 9, "duplicate label name 'a'"),
        ("x{a=\"1\"", 1, 8, "unterminated label set"),
        ("# TYPE x countr", 1, 10, "unknown metric type 'countr'"),
        ("# TYPE x counter\n# TYPE x gauge", 2, 8, "second TYPE line"),
        ("# HELP x a\n# HELP x b", 2, 8, "second HELP line"),
        ("x 1\n# TYPE x counter", 2, 8, "TYPE line for 'x' comes after its samples"),
        ("# TYPE h histogram\nh_bucket 1", 2, 1, "has no 'le' label"),
        ("# TYPE h histogram\nh_bucket{le=\"big\"} 1", 2, 1, "'le' label that is not a number"),
        ("# TYPE h histogram\nh 1", 2, 1, "without a _bucket, _sum or _count suffix"),
        ("# TYPE s summary\ns 1", 2, 1, "without a 'quantile' label"),
        ("# HELP", 1, 7, "expected a metric name after HELP"),
        ("# TYPE x", 1, 9, "expected a metric type"),
        ("# TYPE x counter extra", 1, 18, "unexpected text after the metric type"),
        ("x{city=\"Zürich\"} nope", 1, 18, "invalid value 'nope'"),
    ]

    @Test("reports malformed input with its line, column and cause", arguments: malformed.indices)
    func malformedInput(index: Int) {
        let (text, line, column, message) = Self.malformed[index]
        do {
            let families = try ExpositionParser.parse(text)
            Issue.record("parsed \(text.debugDescription) into \(families) instead of failing")
        } catch {
            #expect(error.line == line, "\(text.debugDescription): \(error)")
            #expect(error.column == column, "\(text.debugDescription): \(error)")
            #expect(error.message.contains(message), "\(text.debugDescription): \(error)")
        }
    }

    @Test("describes an error as line, column and message")
    func errorDescription() {
        #expect(
            ExpositionError(message: "invalid value 'abc' for 'x'", line: 3, column: 5).description
                == "line 3, column 5: invalid value 'abc' for 'x'"
        )
    }

    @Test("the input the libFuzzer target stopped on parses, and its label value keeps a quote before a combining mark")
    func fuzzCrashers() throws {
        let crashers = try FuzzCrashers.inputs(of: "exposition")
        #expect(!crashers.isEmpty, "no crashers in \(FuzzCrashers.folder(of: "exposition").path)")
        for (file, text) in crashers {
            let families = try ExpositionParser.parse(text)
            let value = try #require(families.last?.samples.first?.labels["problem"], "\(file)")
            // `\"` then U+0658 (a combining mark): the harness's writer compared Characters, so `"` + U+0658
            // was one Character and went out unescaped. The parser keeps the scalars as they were.
            #expect(Array(value.unicodeScalars.suffix(3)) == ["\"", "\u{0658}", "\u{FFFD}"], "\(file)")
        }
    }
}
