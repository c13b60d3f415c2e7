import DashboardCheck
import Foundation
import TestSupport
import Testing

/// The workshop's metric catalog (`configs/metric-catalog/workshop.prom`) and `--catalog`.
@Suite("Metric catalog files")
struct MetricCatalogFileTests {
    private static let root = Repository.root
    private static let workshopCatalog = root.appendingPathComponent("configs/metric-catalog/workshop.prom").path

    /// The metric names `Sources/AppMetrics/Names/MetricNames.swift` defines (its label values left out).
    private static func definedMetricNames() throws -> Set<String> {
        let path = root.appendingPathComponent("Sources/AppMetrics/Names/MetricNames.swift").path
        let bytes = try #require(FileReading.bytes(atPath: path), "cannot read \(path)")
        let text = String(decoding: bytes, as: UTF8.self)
        let metrics = try #require(text.components(separatedBy: "// MARK: Label values").first)
        var names: Set<String> = []
        for match in metrics.matches(of: #/static let \w+ = "([a-z_:][a-z0-9_:]*)"/#) {
            names.insert(String(match.output.1))
        }
        return names
    }

    @Test("the workshop's catalog lists exactly the families MetricNames.swift defines")
    func workshopCatalogIsInStep() throws {
        let defined = try Self.definedMetricNames()
        try #require(defined.count >= 10, "found only \(defined) in MetricNames.swift")
        let catalog = try MetricsSource.loadCatalogFiles([Self.workshopCatalog])
        let families = Set(catalog.entries.values.map(\.family)).subtracting(MetricCatalog.scrapeSeries)
        #expect(
            families == defined,
            "only in the catalog: \(families.subtracting(defined)); only in MetricNames.swift: \(defined.subtracting(families))"
        )
    }

    @Test("the workshop's catalog agrees with the app's exposition on every series both know")
    func workshopCatalogAgreesWithTheApp() throws {
        let catalog = try MetricsSource.loadCatalogFiles([Self.workshopCatalog])
        let exposed = try Fixture.catalog()
        var compared = 0
        for (name, entry) in exposed.entries {
            guard let declared = catalog.entry(for: name), !MetricCatalog.scrapeSeries.contains(name) else { continue }
            compared += 1
            #expect(declared.kind == entry.kind, "\(name): catalog \(declared.kind), exposition \(entry.kind)")
        }
        #expect(compared >= 10)
    }

    @Test("every counter the workshop's fixtures read raw is an error with --metrics, and with the catalog")
    func workshopCountersStayErrors() throws {
        let catalog = try MetricsSource.loadCatalogFiles([Self.workshopCatalog])
        for fixture in ["rules/counter-without-rate.hit.json", "exercise/answers/fail-raw-counter.json"] {
            let withMetrics = try Fixture.lint(fixture, withMetrics: true).findings.filter {
                $0.rule == "counter-without-rate"
            }
            let withCatalog = Linter(declaredTypes: catalog).lint(bytes: try Fixture.bytes(fixture), path: fixture)
                .findings.filter { $0.rule == "counter-without-rate" }
            #expect(!withMetrics.isEmpty)
            #expect(withMetrics.allSatisfy { $0.severity == .error }, "\(withMetrics.map(\.message))")
            #expect(withCatalog.map(\.panel) == withMetrics.map(\.panel))
            #expect(withCatalog.allSatisfy { $0.severity == .error && $0.message.contains("--catalog") })
        }
    }

    @Test("a catalog only declares types: unknown-metric stays quiet, rate-on-non-counter speaks")
    func catalogIsNotAnInventory() throws {
        let catalog = try MetricsSource.loadCatalogFiles([Self.workshopCatalog])
        let report = Linter(declaredTypes: catalog).lint(
            bytes: Array(
                Fixture.dashboard(["not_in_the_app_total_x", "rate(http_requests_in_progress[$__rate_interval])"]).utf8
            ),
            path: "inline.json"
        )
        #expect(report.findings.map(\.rule) == ["rate-on-non-counter"])
        #expect(report.findings.first?.message.contains("which is a gauge (its type is from --catalog") == true)
    }

    @Test("lint --catalog turns a raw counter into an error; a bad catalog exits 2 with file, line and column")
    func commandLine() async throws {
        let dashboard = try Fixture.path("exercise/answers/fail-raw-counter.json")
        let byName = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", dashboard]
        )
        #expect(byName.status == 0, "\(byName.standardOutput)")
        #expect(byName.standardOutput.contains("warning counter-without-rate"))
        let typed = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--catalog", Self.workshopCatalog, dashboard]
        )
        #expect(typed.status == 1)
        #expect(typed.standardOutput.contains("error counter-without-rate"))

        let bad = try Fixture.path("bad-catalog.prom")
        let broken = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--catalog", bad, dashboard]
        )
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("--catalog: \(bad):2:"), "\(broken.standardError)")
        let missing = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--catalog", "/nonexistent/types.prom", dashboard]
        )
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("--catalog: cannot read /nonexistent/types.prom"))
    }
}
