import Foundation
import TestSupport

/// The workshop's Prometheus configuration (`configs/prometheus/`) made runnable on this machine:
/// the same jobs and the same rule files, targets rewritten to loopback, scraping and evaluating
/// every second so a short test sees several samples.
enum LoopbackPrometheusConfig {
    /// The job names of `configs/prometheus/prometheus.yml`, in file order.
    static func jobNames() throws -> [String] {
        try Repository.text("configs/prometheus/prometheus.yml")
            .split(separator: "\n")
            .compactMap { line in value(of: "job_name", in: line) }
    }

    /// The names of every recording rule in `configs/prometheus/rules/*.yml`.
    static func recordingRuleNames() throws -> [String] {
        try ruleFiles().flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
                .compactMap { line in value(of: "record", in: line) }
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
            let text = try String(contentsOf: file, encoding: .utf8)
            let fast = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                value(of: "interval", in: line) == nil
                    ? String(line) : String(line.prefix { $0 == " " }) + "interval: 1s"
            }
            try fast.joined(separator: "\n")
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

    /// The value of a YAML line `key: value` or `- key: value`, or nil when the line has another key.
    private static func value(of key: String, in line: Substring) -> String? {
        var rest = line.drop { $0 == " " }
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2) }
        guard rest.hasPrefix(key + ":") else { return nil }
        let value = rest.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
