import Foundation
import TestSupport

/// The services of a compose file and the host ports they publish.
///
/// Reads only what the checks need, from the file's text: the keys under the top-level
/// `services:` mapping and each service's `ports:` entries (`"HOST:CONTAINER"`).
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
        var services: [String] = []
        var ports: [Int: (service: String, containerPort: Int)] = [:]
        var inServices = false
        var inPorts = false
        var serviceIndent: Int?
        for rawLine in text.components(separatedBy: "\n") {
            let line =
                rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map(String.init) ?? ""
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let indent = line.prefix(while: { $0 == " " }).count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if indent == 0 {
                inServices = trimmed == "services:"
                inPorts = false
                continue
            }
            guard inServices else { continue }
            if serviceIndent == nil { serviceIndent = indent }
            if indent == serviceIndent, let name = trimmed.wholeMatch(of: /(?<name>[A-Za-z0-9_.-]+):/) {
                services.append(String(name.output.name))
                inPorts = false
                continue
            }
            if trimmed == "ports:" {
                inPorts = true
                continue
            }
            if inPorts, trimmed.hasPrefix("-"),
                let mapping = trimmed.firstMatch(of: /(?<host>\d+):(?<container>\d+)/),
                let host = Int(mapping.output.host), let container = Int(mapping.output.container),
                let service = services.last
            {
                ports[host] = (service, container)
            } else if !trimmed.hasPrefix("-") {
                inPorts = false
            }
        }
        guard !services.isEmpty else {
            throw SlideCheckError("\(path): no services found under a top-level `services:` key")
        }
        self.services = services
        self.publishedPorts = ports
    }
}
