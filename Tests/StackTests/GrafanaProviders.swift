import Foundation
import TestSupport
import Yams

/// The dashboard providers of `configs/grafana/provisioning/dashboards/*.yml`: which Grafana folder
/// each fills, from which path in the Grafana container.
struct GrafanaProviders {
    var name: String
    var folder: String
    var path: String

    /// Every provider of every file, in file order.
    static func load() throws -> [GrafanaProviders] {
        let folder = "configs/grafana/provisioning/dashboards"
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.path(folder).path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        return try files.flatMap { file in
            let relative = folder + "/" + file
            return try (YAMLDocument.load(relative)["providers"]?.sequence ?? []).map { node in
                guard let name = node["name"]?.string, let path = node["options"]?["path"]?.string else {
                    throw TestSupportError(
                        "\(YAMLDocument.location(of: node, in: relative)): a provider without name or options.path"
                    )
                }
                return GrafanaProviders(name: name, folder: node["folder"]?.string ?? "", path: path)
            }
        }
    }
}
