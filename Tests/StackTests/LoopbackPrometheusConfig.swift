import Foundation
import TestSupport
import Yams

/// The workshop's Prometheus configuration (`configs/prometheus/`) made runnable on this machine:
/// the same jobs and the same rule folders (the reference rules and the student's), targets rewritten
/// to loopback, scraping and evaluating every second so a short test sees several samples.
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

    /// The folder `configs/prometheus/prometheus.yml` loads the student's alerting rules from, relative
    /// to the repository's top folder.
    static let studentRuleFolder = "Exercises/rules"

    /// The folders of the `rule_files` of `configs/prometheus/prometheus.yml` (each entry is
    /// `folder/*.yml`, relative to that file), in file order, relative to the repository's top folder.
    static func ruleFolders() throws -> [String] {
        let path = "configs/prometheus/prometheus.yml"
        let root = try YAMLDocument.load(path)
        guard let entries = root["rule_files"]?.sequence else {
            throw TestSupportError("\(path): no rule_files list")
        }
        let top = Repository.root.standardizedFileURL.path
        return try entries.map { entry in
            guard let pattern = entry.string, pattern.hasSuffix("/*.yml") else {
                throw TestSupportError(
                    "\(YAMLDocument.location(of: entry, in: path)): a rule_files entry is not folder/*.yml"
                )
            }
            let folder = Repository.path("configs/prometheus/" + pattern.dropLast("/*.yml".count))
                .standardizedFileURL.path
            guard folder.hasPrefix(top + "/") else {
                throw TestSupportError(
                    "\(YAMLDocument.location(of: entry, in: path)): \(pattern) is outside the repository"
                )
            }
            return String(folder.dropFirst(top.count + 1))
        }
    }

    /// The names of every recording rule the workshop's Prometheus loads.
    ///
    /// - Parameter studentRules: the folder read in place of `Exercises/rules` (`Solutions/rules` for
    ///   the reference answers).
    static func recordingRuleNames(studentRules: String = studentRuleFolder) throws -> [String] {
        try ruleNames("record", studentRules: studentRules)
    }

    /// The names of every alerting rule in the folder `folder` (relative to the repository's top folder).
    static func alertNames(in folder: String) throws -> [String] {
        try ruleFiles(in: folder).flatMap { try names("alert", in: $0) }
    }

    /// Writes `prometheus.yml` and one rule folder per `rule_files` entry into `folder`, and returns the
    /// job names it configured.
    ///
    /// - Parameters:
    ///   - targets: the loopback `host:port` of each job that has a running process.
    ///   - unreachable: the address given to every other job (a free port nobody listens on, so
    ///     those jobs report `up == 0`, as a stopped container would).
    ///   - studentRules: the folder loaded in place of `Exercises/rules`.
    static func write(
        to folder: URL,
        targets: [String: String],
        unreachable: String,
        studentRules: String = studentRuleFolder
    ) throws -> [String] {
        var ruleLines: [String] = []
        for (index, source) in try ruleFolders(studentRules: studentRules).enumerated() {
            let rules = folder.appendingPathComponent("rules-\(index)")
            try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
            ruleLines.append("  - rules-\(index)/*.yml")
            for file in try ruleFiles(in: source) {
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
        }
        let jobs = try jobNames()
        var lines = [
            "global:",
            "  scrape_interval: 1s",
            "  scrape_timeout: 900ms",
            "  evaluation_interval: 1s",
            "rule_files:",
        ]
        lines += ruleLines
        lines.append("scrape_configs:")
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

    /// `ruleFolders()`, with `studentRules` in place of `Exercises/rules`.
    private static func ruleFolders(studentRules: String) throws -> [String] {
        try ruleFolders().map { $0 == studentRuleFolder ? studentRules : $0 }
    }

    private static func ruleNames(_ kind: String, studentRules: String) throws -> [String] {
        try ruleFolders(studentRules: studentRules).flatMap { folder in
            try ruleFiles(in: folder).flatMap { try names(kind, in: $0) }
        }
    }

    /// The `record` or `alert` names of one rule file.
    private static func names(_ kind: String, in file: URL) throws -> [String] {
        let groups = try YAMLDocument.load(url: file)["groups"]?.sequence ?? []
        return groups.flatMap { group in
            (group["rules"]?.sequence ?? []).compactMap { rule in rule[kind]?.string }
        }
    }

    /// The rule files of a folder (relative to the repository's top folder), sorted.
    private static func ruleFiles(in relative: String) throws -> [URL] {
        let folder = Repository.path(relative)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
