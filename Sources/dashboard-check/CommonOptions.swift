import ArgumentParser
import DashboardCheck

/// The options `lint` and `grade` share.
struct CommonOptions: ParsableArguments {
    @Option(help: "Output format: text, json or junit.")
    var format: OutputFormat = .text

    @Option(
        help: ArgumentHelp(
            "A Prometheus text exposition (file or URL, e.g. http://localhost:9000/metrics) telling which metrics exist.",
            valueName: "file-or-url"
        )
    )
    var metrics: String?

    @Option(help: ArgumentHelp("Live mode: run every query against this Prometheus.", valueName: "url"))
    var prometheus: String?

    @Option(
        help: ArgumentHelp(
            "A metric catalog: `# TYPE name type` lines (e.g. configs/metric-catalog/workshop.prom) declaring "
                + "metric types, without claiming the metrics exist. Repeatable.",
            valueName: "file"
        )
    )
    var catalog: [String] = []

    @Option(help: "The lowest severity that makes the exit code 1: error or warning.")
    var severity: Severity = .error

    func validate() throws {
        if let prometheus, PrometheusClient(url: prometheus) == nil {
            throw ValidationError("--prometheus needs an http:// or https:// URL, got \(prometheus)")
        }
    }

    /// The linter, with the catalog from `--metrics` or, failing that, from `--prometheus`, and the
    /// types declared by `--catalog` files.
    func makeLinter() async throws -> Linter {
        var exposed: MetricCatalog?
        var declared: MetricCatalog?
        do {
            if let metrics {
                exposed = try await MetricsSource.load(metrics)
            } else if let prometheus, let client = PrometheusClient(url: prometheus) {
                exposed = try await client.catalog()
            }
            if !catalog.isEmpty { declared = try MetricsSource.loadCatalogFiles(catalog) }
        } catch {
            Output.error("dashboard-check: \(error.description)")
            throw ExitCode(2)
        }
        return Linter(catalog: exposed, declaredTypes: declared)
    }

    /// Adds the live findings when `--prometheus` is given.
    func runLiveChecks(_ reports: inout [FileReport]) async throws {
        guard let prometheus, let client = PrometheusClient(url: prometheus) else { return }
        do {
            try await LiveCheck.run(&reports, client: client)
        } catch {
            Output.error("dashboard-check: \(error.description)")
            throw ExitCode(2)
        }
    }
}

extension Severity: ExpressibleByArgument {}
