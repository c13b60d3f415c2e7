import DashboardCheck
import Foundation
import Testing

/// Paths to the test dashboards under `Fixtures/`, and shortcuts to lint them.
enum Fixture {
    /// The absolute path of `relative` inside the fixtures folder.
    static func path(_ relative: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL, "the test bundle has no resources")
        return base.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    /// The bytes of a fixture.
    static func bytes(_ relative: String) throws -> [UInt8] {
        try #require(FileReading.bytes(atPath: try path(relative)), "cannot read fixture \(relative)")
    }

    /// The catalog of the workshop app's metrics (`Fixtures/app.metrics`).
    static func catalog() throws -> MetricCatalog {
        let text = String(decoding: try bytes("app.metrics"), as: UTF8.self)
        return try MetricsSource.catalog(fromExposition: text, source: "app.metrics")
    }

    /// Lints one fixture, with the app's metrics when `withMetrics` is true.
    static func lint(_ relative: String, withMetrics: Bool = false) throws -> FileReport {
        let linter = Linter(catalog: withMetrics ? try catalog() : nil)
        return linter.lint(bytes: try bytes(relative), path: relative)
    }

    /// Lints a dashboard written in the test.
    static func lint(json: String, withMetrics: Bool = false) throws -> FileReport {
        let linter = Linter(catalog: withMetrics ? try catalog() : nil)
        return linter.lint(bytes: Array(json.utf8), path: "inline.json")
    }

    /// A one-panel dashboard with the given expressions as targets A, B, ...
    static func dashboard(_ expressions: [String], extra: String = "") -> String {
        let targets = expressions.enumerated().map { index, expression in
            let refId = String(UnicodeScalar(UInt8(65 + index)))
            return "{\"refId\": \"\(refId)\", \"expr\": \(JSONText.quote(expression))}"
        }
        return """
            {"title": "Inline", "schemaVersion": 39\(extra.isEmpty ? "" : ", " + extra),
             "panels": [{"id": 1, "type": "timeseries", "title": "Panel",
               "datasource": {"type": "prometheus", "uid": "prom"},
               "targets": [\(targets.joined(separator: ", "))]}]}
            """
    }
}
