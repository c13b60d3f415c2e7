/// A datasource reference as Grafana writes it: a name string (old exports) or `{type, uid}`.
public struct DatasourceRef: Sendable, Hashable {
    /// The plugin id (`prometheus`, `loki`, `datasource` for the special ones), when written.
    public var type: String?
    /// The uid, which may be a variable (`${DS_PROMETHEUS}`, `$datasource`).
    public var uid: String?
    /// The name, for the old string form.
    public var name: String?

    /// Makes a reference.
    public init(type: String? = nil, uid: String? = nil, name: String? = nil) {
        self.type = type
        self.uid = uid
        self.name = name
    }

    /// Reads a reference from a `datasource` member; nil for `null` or a missing member.
    public init?(_ node: JSONNode?) {
        guard let node else { return nil }
        switch node.value {
        case .string(let name):
            self.init(name: name)
        case .object:
            self.init(type: node["type"]?.string, uid: node["uid"]?.text, name: node["name"]?.string)
            if type == nil, uid == nil, name == nil { return nil }
        default:
            return nil
        }
    }

    /// How the reference reads in a message.
    public var display: String {
        if let name { return name }
        switch (type, uid) {
        case (let type?, let uid?): return "\(type) \(uid)"
        case (let type?, nil): return type
        case (nil, let uid?): return uid
        case (nil, nil): return "default"
        }
    }
}
