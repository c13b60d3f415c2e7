import Foundation
import TestSupport
import Yams

/// The services of a compose file and the host ports they publish.
///
/// Reads only what the checks need: the keys of the top-level `services:` mapping and each
/// service's `ports:` entries (`"HOST:CONTAINER"`, optionally `"IP:HOST:CONTAINER"`).
struct ComposeFile: Sendable {
    /// The file's path, relative to the package root.
    var path: String
    /// Service names, in file order.
    var services: [String]
    /// For each published host port, the service and the container port behind it.
    var publishedPorts: [Int: (service: String, containerPort: Int)]

    /// Parses the compose file at `relativePath` under the package root.
    static func load(_ relativePath: String) throws -> ComposeFile {
        try ComposeFile(path: relativePath, text: Repository.text(relativePath))
    }

    init(path: String, text: String) throws {
        self.path = path
        let root = try YAMLDocument.parse(text, path: path)
        guard let services = root["services"]?.mapping, !services.isEmpty else {
            throw SlideCheckError("\(path): no services found under a top-level `services:` key")
        }
        var names: [String] = []
        var ports: [Int: (service: String, containerPort: Int)] = [:]
        for (key, service) in services {
            guard let name = key.string else {
                throw SlideCheckError("\(YAMLDocument.location(of: key, in: path)): a service name is not a string")
            }
            names.append(name)
            for entry in service["ports"]?.sequence ?? [] {
                guard let (host, container) = Self.hostAndContainerPort(of: entry) else {
                    throw SlideCheckError(
                        "\(YAMLDocument.location(of: entry, in: path)): a port of \(name) is not \"HOST:CONTAINER\""
                    )
                }
                ports[host] = (name, container)
            }
        }
        self.services = names
        self.publishedPorts = ports
    }

    /// The host and container ports of a `ports:` entry: the short syntax `[IP:]HOST:CONTAINER[/PROTOCOL]`
    /// or the long one (`published:` and `target:`).
    private static func hostAndContainerPort(of entry: Node) -> (Int, Int)? {
        if entry.mapping != nil {
            guard let host = entry["published"]?.int ?? entry["published"]?.string.flatMap({ Int($0) }),
                let container = entry["target"]?.int
            else { return nil }
            return (host, container)
        }
        let parts = (entry.string ?? "").split(separator: "/").first?.split(separator: ":") ?? []
        guard parts.count >= 2, let host = Int(parts[parts.count - 2]), let container = Int(parts[parts.count - 1])
        else { return nil }
        return (host, container)
    }
}
