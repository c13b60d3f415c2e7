import Foundation
import TestSupport
import Yams

/// The workshop's Prometheus configuration (`configs/prometheus/`) made runnable on this machine:
/// the same jobs and the same rule files, targets rewritten to loopback, scraping and evaluating
/// every second so a short test sees several samples.
enum LoopbackPrometheusConfig {
    /// The job names of `configs/prometheus/prometheus.yml`, in file order.
    static func jobNames() throws -> [String] {
        let path = "configs/prometheus/prometheus.yml"
        let root = try YAMLDocument.load(path)
        guard let scrapeConfigs = root["scrape_configs"]?.sequence else {
            throw TestSupportError("\(path): no scrape_configs list")
        }
        return try scrapeConfigs.map { scrapeConfig in
            guard let name = scrapeConfig["job_name"]?.string else {
                throw TestSupportError(
                    "\(YAMLDocument.location(of: scrapeConfig, in: path)): a scrape config has no job_name"
                )
            }
            return name
        }
    }

    /// The names of every recording rule in `configs/prometheus/rules/*.yml`.
    static func recordingRuleNames() throws -> [String] {
        try ruleFiles().flatMap { file in
            let groups = try YAMLDocument.load(url: file)["groups"]?.sequence ?? []
            return groups.flatMap { group in
                (group["rules"]?.sequence ?? []).compactMap { rule in rule["record"]?.string }
            }
        }
    }

    /// Writes `prometheus.yml` and `rules/` into `folder` and returns the job names it configured.
    ///
    /// - Parameters:
    ///   - targets: the loopback `host:port` of each job that has a running process.
    ///   - unreachable: the address given to every other job (a free port nobody listens on, so
    ///     those jobs report `up == 0`, as a stopped container would).
    static func write(to folder: URL, targets: [String: String], unreachable: String) throws -> [String] {
        let rules = folder.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        for file in try ruleFiles() {
            // Every group evaluated each second, whatever interval the workshop gives it.
            var root = try YAMLDocument.load(url: file)
            guard var groups = root["groups"]?.sequence else {
                throw TestSupportError("\(file.path): no groups list")
            }
            for index in groups.indices where groups[index]["interval"] != nil {
                groups[index]["interval"] = Node("1s")
            }
            root["groups"] = .sequence(groups)
            try Yams.serialize(node: root)
                .write(to: rules.appendingPathComponent(file.lastPathComponent), atomically: true, encoding: .utf8)
        }
        let jobs = try jobNames()
        var lines = [
            "global:",
            "  scrape_interval: 1s",
            "  scrape_timeout: 900ms",
            "  evaluation_interval: 1s",
            "rule_files:",
            "  - rules/*.yml",
            "scrape_configs:",
        ]
        for job in jobs {
            lines += [
                "  - job_name: \(job)",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: [\"\(targets[job] ?? unreachable)\"]",
            ]
        }
        try (lines.joined(separator: "\n") + "\n")
            .write(to: folder.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        return jobs
    }

    /// The rule files the workshop's Prometheus loads.
    private static func ruleFiles() throws -> [URL] {
        let folder = Repository.path("configs/prometheus/rules")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
