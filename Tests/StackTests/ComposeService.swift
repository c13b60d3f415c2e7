import Foundation

/// One service as `docker-compose config` prints it after normalising a compose file.
///
/// The normalised output always uses the same layout (two-space service keys, long port syntax),
/// which is what makes reading these few fields line by line reliable.
struct ComposeService: Equatable {
    var name: String
    var image: String?
    var buildApp: String?
    var ports: [(published: Int, target: Int)] = []
    var hasHealthcheck = false
    var dependsOn: [String: String] = [:]
    var profiles: [String] = []

    static func == (lhs: ComposeService, rhs: ComposeService) -> Bool {
        lhs.name == rhs.name && lhs.image == rhs.image && lhs.buildApp == rhs.buildApp
            && lhs.ports.map(\.published) == rhs.ports.map(\.published)
            && lhs.ports.map(\.target) == rhs.ports.map(\.target)
    }

    /// Reads the services of a normalised compose document.
    static func parse(normalisedConfig text: String) -> [String: ComposeService] {
        var services: [String: ComposeService] = [:]
        var current: ComposeService?
        var inServices = false
        var section = ""
        var dependency: String?
        var pendingPublished: Int?
        func flush() {
            if let service = current { services[service.name] = service }
            current = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) {
            let indent = line.prefix { $0 == " " }.count
            let content = line.trimmingCharacters(in: .whitespaces)
            if indent == 0 {
                flush()
                inServices = content == "services:"
                continue
            }
            guard inServices else { continue }
            if indent == 2 && content.hasSuffix(":") {
                flush()
                current = ComposeService(name: String(content.dropLast()))
                section = ""
                continue
            }
            guard var service = current else { continue }
            if indent == 4 && !content.hasPrefix("- ") {
                let key = content.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                section = key
                if key == "image" { service.image = value(of: content) }
                if key == "healthcheck" { service.hasHealthcheck = true }
            } else {
                switch section {
                case "build":
                    if content.hasPrefix("APP:") { service.buildApp = value(of: content) }
                case "ports":
                    if content.hasPrefix("- published:") {
                        pendingPublished = Int(value(of: String(content.dropFirst(2))) ?? "")
                    } else if content.hasPrefix("target:"), let published = pendingPublished,
                        let target = Int(value(of: content) ?? "")
                    {
                        service.ports.append((published, target))
                        pendingPublished = nil
                    }
                case "depends_on":
                    if indent == 6 && content.hasSuffix(":") {
                        dependency = String(content.dropLast())
                    } else if content.hasPrefix("condition:"), let name = dependency {
                        service.dependsOn[name] = value(of: content)
                    }
                case "profiles":
                    if content.hasPrefix("- ") { service.profiles.append(String(content.dropFirst(2))) }
                default:
                    break
                }
            }
            current = service
        }
        flush()
        return services
    }

    private static func value(of line: String) -> String? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("'") || value.hasPrefix("\"") { value = String(value.dropFirst().dropLast()) }
        return value
    }
}
