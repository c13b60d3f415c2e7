import Testing

@testable import PromQL

@Suite("Printer")
struct PrinterTests {
    @Test(
        "prints Prometheus's canonical form",
        arguments: [
            ("sum by(job)(rate(x[5m]))", "sum by (job) (rate(x[5m]))"),
            ("sum(rate(x[5m])) by (job)", "sum by (job) (rate(x[5m]))"),
            ("sum without(a,b,)(x)", "sum without (a, b) (x)"),
            ("sum by () (x)", "sum(x)"),
            ("a+on(job)group_left(x)b", "a + on (job) group_left (x) b"),
            ("a * ignoring(c) group_right b", "a * ignoring (c) group_right () b"),
            ("a and on() b", "a and on () b"),
            ("x offset 5m", "x offset 5m"),
            ("x offset 90m", "x offset 1h30m"),
            ("x offset 168h", "x offset 1w"),
            ("x offset 60", "x offset 1m"),
            ("x[300]", "x[5m]"),
            ("x offset 5m @ 100", "x @ 100.000 offset 5m"),
            ("x[5m] offset -1h @ start()", "x[5m] @ start() offset -1h"),
            ("rate(x[5m])[30m:1m] offset 1m", "rate(x[5m])[30m:1m] offset 1m"),
            ("x[5m:]", "x[5m:]"),
            ("x{b=\"1\",a=\"2\"}", "x{a=\"2\",b=\"1\"}"),
            ("{\"my.metric\",\"a.b\"=\"x\"}", "{\"a.b\"=\"x\",__name__=\"my.metric\"}"),
            ("sum by (\"a.b\") (x)", "sum by (\"a.b\") (x)"),
            ("x{a='it\\'s'}", "x{a=\"it's\"}"),
            ("x{a=`\\d`}", "x{a=\"\\\\d\"}"),
            ("\"\\u00e9\\t\"", "\"é\\t\""),
            ("-1", "-1"),
            ("- - 1", "1"),
            ("-2^2", "-2 ^ 2"),
            ("1 < bool 2", "1 < bool 2"),
            ("0x1F", "31"),
            ("1e3", "1000"),
            ("1e-7", "0.0000001"),
            ("Inf", "+Inf"),
            ("-inf", "-Inf"),
            ("nan", "NaN"),
            ("1h", "1h"),
            ("-5m", "-5m"),
            ("topk(5,x)", "topk(5, x)"),
            ("count_values('v', x)", "count_values(\"v\", x)"),
            ("(x + y) * z", "(x + y) * z"),
            ("x # comment", "x"),
        ]
    )
    func canonical(source: String, expected: String) throws {
        #expect(PromQLPrinter.print(try PromQLParser.parse(source)) == expected)
    }

    @Test(
        "reparses what it prints to an equal tree",
        arguments: [
            "sum by (job, le) (rate(http_request_duration_seconds_bucket{job=~\"api|web\", code!=\"500\"}[5m]))",
            "histogram_quantile(0.99, sum without (instance) (rate(x_bucket[5m] offset 1h @ end())))",
            "a / on (job) group_left (env, team) b unless c or d and e",
            "max_over_time(rate(x[1m])[1h:30s] @ 100 offset -5m)",
            "-x ^ 2 * 3 - 4 % 5 atan2 6",
            "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\")",
            "{\"my.metric\", \"a.b\"=\"x\"}",
            "topk by (a) (3, x) > bool 1",
            "1 + 2 * 3 ^ -4",
            "x offset 1h30m", "x[1d2h]", "time() - 1h",
            "quantile(0.9, x) == x", "x[1e-9]", "x[1m:0.0001] offset 1e-9",
            "\"\\340]\u{10}20F0\"", "x{a=\"\\xff\\ufffd\"}",
        ]
    )
    func roundTrip(source: String) throws {
        let tree = try PromQLParser.parse(source)
        let printed = tree.description
        let reparsed = try PromQLParser.parse(printed)
        #expect(reparsed == tree)
        #expect(reparsed.description == printed)
    }
}
