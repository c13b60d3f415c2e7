import Foundation
import TestSupport
import Yams

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

    /// The node tree of `name` in the folder.
    func document(_ name: String) throws -> Node {
        try YAMLDocument.load(url: folder.appendingPathComponent(name))
    }

    /// The entries of the kustomization's `resources:` list, in order.
    func kustomizationResources() throws -> [String] {
        guard let resources = try document("kustomization.yaml")["resources"]?.sequence else {
            throw TestSupportError("kustomization.yaml has no `resources:` list")
        }
        return try resources.map { entry in
            guard let file = entry.string else {
                throw TestSupportError("\(YAMLDocument.location(of: entry, in: "kustomization.yaml")): not a file name")
            }
            return file
        }
    }

    /// The text stored under `key` in the `data:` of the ConfigMap file `name`.
    func configMapEntry(_ key: String, in name: String) throws -> String {
        let data = try document(name)["data"]
        guard let entry = data?[key], let text = entry.string else {
            throw TestSupportError("\(name) has no `\(key)` text under `data:`")
        }
        return text
    }

    /// `configuration` with each scrape config's `kubernetes_sd_configs:` replaced by a static target, for a
    /// promtool built without the Kubernetes service discovery.
    static func replacingKubernetesDiscovery(in configuration: String) throws -> String {
        var root = try YAMLDocument.parse(configuration, path: "prometheus.yml")
        guard var scrapeConfigs = root["scrape_configs"]?.sequence else {
            throw TestSupportError("prometheus.yml has no `scrape_configs:` list")
        }
        for index in scrapeConfigs.indices {
            guard var scrapeConfig = scrapeConfigs[index].mapping, scrapeConfig["kubernetes_sd_configs"] != nil
            else { continue }
            scrapeConfig["kubernetes_sd_configs"] = nil
            scrapeConfig["static_configs"] = [["targets": ["10.0.0.1:9000"]]]
            scrapeConfigs[index] = .mapping(scrapeConfig)
        }
        root["scrape_configs"] = .sequence(scrapeConfigs)
        return try Yams.serialize(node: root)
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
