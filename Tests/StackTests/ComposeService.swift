import TestSupport
import Yams

/// One service as `docker-compose config` prints it after normalising a compose file.
struct ComposeService: Equatable {
    var name: String
    var image: String?
    var buildApp: String?
    var ports: [(published: Int, target: Int)] = []
    var hasHealthcheck = false
    var dependsOn: [String: String] = [:]
    var profiles: [String] = []
    var environment: [String: String] = [:]
    /// Bind mounts and volumes: `source` is an absolute host path for a bind mount, else a volume name.
    var volumes: [(source: String, target: String)] = []
    var command: [String] = []

    static func == (lhs: ComposeService, rhs: ComposeService) -> Bool {
        lhs.name == rhs.name && lhs.image == rhs.image && lhs.buildApp == rhs.buildApp
            && lhs.ports.map(\.published) == rhs.ports.map(\.published)
            && lhs.ports.map(\.target) == rhs.ports.map(\.target)
    }

    /// Reads the services of a normalised compose document (`docker-compose config` output).
    ///
    /// - Throws: `TestSupportError` when the text is not YAML or a port entry lacks `published` or `target`,
    ///   naming the line and column.
    static func parse(normalisedConfig text: String) throws -> [String: ComposeService] {
        let path = "docker-compose config output"
        let root = try YAMLDocument.parse(text, path: path)
        var services: [String: ComposeService] = [:]
        for (key, node) in root["services"]?.mapping ?? [:] {
            guard let name = key.string else { continue }
            var service = ComposeService(name: name)
            service.image = node["image"]?.string
            service.buildApp = node["build"]?["args"]?["APP"]?.string
            for entry in node["ports"]?.sequence ?? [] {
                // docker-compose 1.29 prints `published` as a number; newer versions print a string.
                guard let published = entry["published"]?.string.flatMap({ Int($0) }),
                    let target = entry["target"]?.string.flatMap({ Int($0) })
                else {
                    throw TestSupportError(
                        "\(YAMLDocument.location(of: entry, in: path)): a port of \(name) has no published and target port"
                    )
                }
                service.ports.append((published, target))
            }
            service.hasHealthcheck = node["healthcheck"] != nil
            for (dependency, settings) in node["depends_on"]?.mapping ?? [:] {
                guard let dependencyName = dependency.string else { continue }
                service.dependsOn[dependencyName] = settings["condition"]?.string
            }
            for (variable, value) in node["environment"]?.mapping ?? [:] {
                guard let variableName = variable.string else { continue }
                service.environment[variableName] = value.string
            }
            service.profiles = node["profiles"]?.sequence?.compactMap(\.string) ?? []
            service.command = node["command"]?.sequence?.compactMap(\.string) ?? []
            for entry in node["volumes"]?.sequence ?? [] {
                // docker-compose 1.29 prints `source:target[:mode]`; newer versions print a mapping.
                if let source = entry["source"]?.string, let target = entry["target"]?.string {
                    service.volumes.append((source, target))
                } else if let text = entry.string, case let parts = text.split(separator: ":"), parts.count >= 2 {
                    service.volumes.append((String(parts[0]), String(parts[1])))
                } else {
                    throw TestSupportError(
                        "\(YAMLDocument.location(of: entry, in: path)): a volume of \(name) has no source and target"
                    )
                }
            }
            services[name] = service
        }
        return services
    }
}
