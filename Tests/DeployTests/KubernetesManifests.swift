import Foundation
import TestSupport

/// The manifests under `deploy/kubernetes/` and the tools that check them.
struct KubernetesManifests {
    /// The folder holding the kustomization and the manifests.
    let folder: URL

    /// The manifests of the repository this test file belongs to.
    init() {
        folder = Repository.path("deploy/kubernetes")
    }

    /// The text of `name` in the folder.
    func text(of name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Every `.yaml` file in the folder except the kustomization, sorted.
    func manifestFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yaml") && $0 != "kustomization.yaml" }
            .sorted()
    }

    /// The entries of the kustomization's `resources:` list, in order.
    func kustomizationResources() throws -> [String] {
        var resources: [String] = []
        var inResources = false
        for line in try text(of: "kustomization.yaml").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("resources:") {
                inResources = true
            } else if inResources, line.hasPrefix("  - ") {
                resources.append(String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces))
            } else if inResources, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                inResources = false
            }
        }
        return resources
    }

    /// The block scalar stored under `key` in the ConfigMap file `name` (`  key: |` followed by
    /// lines indented four spaces), without that indentation.
    func configMapEntry(_ key: String, in name: String) throws -> String {
        var lines: [Substring] = []
        var inEntry = false
        for line in try text(of: name).split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "  \(key): |" {
                inEntry = true
            } else if inEntry {
                if line.hasPrefix("    ") {
                    lines.append(line.dropFirst(4))
                } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    lines.append("")
                } else {
                    break
                }
            }
        }
        guard inEntry else { throw TestSupportError("\(name) has no `\(key): |` entry") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `configuration` with each `kubernetes_sd_configs:` block replaced by a static target, for a
    /// promtool built without the Kubernetes service discovery.
    static func replacingKubernetesDiscovery(in configuration: String) -> String {
        var output: [String] = []
        var blockIndent: Int?
        for line in configuration.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            if let current = blockIndent {
                if indent > current { continue }
                blockIndent = nil
            }
            if line.trimmingCharacters(in: .whitespaces) == "kubernetes_sd_configs:" {
                blockIndent = indent
                let padding = String(repeating: " ", count: indent)
                output.append("\(padding)static_configs:")
                output.append("\(padding)  - targets: [\"10.0.0.1:9000\"]")
                continue
            }
            output.append(String(line))
        }
        return output.joined(separator: "\n")
    }

    /// The path of PyPI's `kubernetes-validate`, or an error saying how to install it.
    static func kubernetesValidate() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/kubernetes-validate"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError(
            "kubernetes-validate was not found on the PATH: install it with `pip install kubernetes-validate` "
                + "(or run ./scripts/install-deps)"
        )
    }

    /// Writes `text` to a new temporary file named `name` and returns its URL.
    static func temporaryFile(named name: String, containing text: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-deploy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
