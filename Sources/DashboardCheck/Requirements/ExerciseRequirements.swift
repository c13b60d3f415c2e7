import Foundation

/// What an exercise's dashboard must contain, read from its `requirements.json`:
///
/// ```json
/// {
///   "exercise": "08-cache-miss-panel",
///   "title": "A panel with the cache miss rate",
///   "requirements": [
///     {
///       "id": "cache-miss-rate",
///       "description": "a panel shows the per-second rate of cache misses",
///       "panelTypes": ["timeseries", "graph", "stat"],
///       "query": {"call": ["rate", "irate", "increase"],
///                 "args": [{"selector": "redis_app_cache_miss_total", "range": "$__rate_interval"}]},
///       "missing": "no panel shows rate(redis_app_cache_miss_total[$__rate_interval])",
///       "attempt": {"selector": "redis_app_cache_miss_total"}
///     }
///   ]
/// }
/// ```
/// `query` is a `QueryPattern`; a target satisfies the requirement when some node of its query
/// matches and the checker finds no error in it. `attempt` (optional) is a looser pattern: when a
/// query matches it but not `query`, the error found in that query becomes the reason.
public struct ExerciseRequirements: Sendable {
    /// The exercise's id.
    public var exercise: String
    /// The exercise's title.
    public var title: String?
    /// The requirements, all of which must hold.
    public var requirements: [Requirement]

    /// Makes a set of requirements.
    public init(exercise: String, title: String? = nil, requirements: [Requirement]) {
        self.exercise = exercise
        self.title = title
        self.requirements = requirements
    }

    /// Finds an exercise's `requirements.json`: `id` may be a path to the file or to its folder, or
    /// the name of a folder under `exercisesDirectory` (exactly, or as its `NN-name` number or name).
    public static func locate(_ id: String, exercisesDirectory: String) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: id, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? id + "/requirements.json" : id
        }
        guard let folders = try? manager.contentsOfDirectory(atPath: exercisesDirectory) else { return nil }
        for folder in folders.sorted() {
            let parts = folder.split(separator: "-", maxSplits: 1).map(String.init)
            let matches = folder == id || parts.first == id || (parts.count == 2 && parts[1] == id)
            let file = exercisesDirectory + "/" + folder + "/requirements.json"
            if matches, manager.fileExists(atPath: file) { return file }
        }
        return nil
    }

    /// Reads and validates a requirements file.
    public static func load(path: String) throws(RequirementsError) -> ExerciseRequirements {
        guard let bytes = FileReading.bytes(atPath: path) else {
            throw RequirementsError(path: path, message: "cannot read the file", line: 1, column: 1)
        }
        return try parse(bytes, path: path)
    }

    /// Reads requirements from bytes; `path` names them in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(RequirementsError) -> ExerciseRequirements {
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw RequirementsError(path: path, message: error.message, line: error.line, column: error.column)
        }
        let lines = LineIndex(bytes)
        func fail(_ message: String, _ node: JSONNode) -> RequirementsError {
            let position = lines.position(of: node.offset)
            return RequirementsError(path: path, message: message, line: position.line, column: position.column)
        }
        guard let list = root["requirements"]?.array, !list.isEmpty else {
            throw fail("expected an object with a non-empty \"requirements\" array", root)
        }
        var requirements: [Requirement] = []
        for entry in list {
            guard let id = entry["id"]?.string else { throw fail("a requirement needs an \"id\"", entry) }
            let kinds = ["query", "forbids", "alertRule"].filter { entry[$0] != nil }
            guard kinds.count == 1 else {
                throw fail("the requirement \(id) needs one of \"query\", \"forbids\" or \"alertRule\"", entry)
            }
            let description = entry["description"]?.string ?? id
            var mistakes: [Requirement.Mistake] = []
            for mistake in entry["mistakes"]?.array ?? [] {
                guard let when = mistake["when"], let reason = mistake["why"]?.string else {
                    throw fail("a mistake is {\"when\": pattern, \"why\": \"the reason\"}", mistake)
                }
                mistakes.append(Requirement.Mistake(pattern: try pattern(when, fail), reason: reason))
            }
            requirements.append(
                Requirement(
                    id: id,
                    description: description,
                    panelTypes: try strings(entry["panelTypes"], fail),
                    query: try entry["query"].map { node throws(RequirementsError) in try pattern(node, fail) },
                    showsValue: entry["showsValue"]?.bool ?? false,
                    missing: entry["missing"]?.string ?? "no panel: \(description)",
                    attempt: try entry["attempt"].map { node throws(RequirementsError) in try pattern(node, fail) },
                    mistakes: mistakes,
                    forbids: try strings(entry["forbids"], fail) ?? [],
                    why: entry["why"]?.string,
                    alertRule: try entry["alertRule"].map { node throws(RequirementsError) in
                        try alertRule(node, fail)
                    }
                )
            )
        }
        return ExerciseRequirements(
            exercise: root["exercise"]?.text ?? path,
            title: root["title"]?.string,
            requirements: requirements
        )
    }

    /// Reads `{"ratio": pattern, "above": 0.05, "for": "5m"}`.
    private static func alertRule(
        _ node: JSONNode,
        _ fail: (String, JSONNode) -> RequirementsError
    ) throws(RequirementsError) -> AlertRuleRequirement {
        guard let ratio = node["ratio"], let above = node["above"]?.number, let forText = node["for"]?.string else {
            throw fail("an alertRule is {\"ratio\": pattern, \"above\": number, \"for\": \"5m\"}", node)
        }
        guard let seconds = PrometheusDuration.seconds(forText) else {
            throw fail("\"for\" is a duration such as \"5m\"", node)
        }
        return AlertRuleRequirement(
            ratio: try pattern(ratio, fail),
            above: above,
            forSeconds: seconds,
            forText: forText
        )
    }

    private static func strings(
        _ node: JSONNode?,
        _ fail: (String, JSONNode) -> RequirementsError
    ) throws(RequirementsError) -> [String]? {
        guard let node else { return nil }
        if let text = node.string { return text == "any" ? nil : [text] }
        guard let array = node.array else { throw fail("expected a string or an array of strings", node) }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw fail("expected a string", element) }
            result.append(text)
        }
        return result
    }

    private static func pattern(
        _ node: JSONNode,
        _ fail: (String, JSONNode) -> RequirementsError
    ) throws(RequirementsError) -> QueryPattern {
        guard let members = node.members else { throw fail("a pattern is a JSON object", node) }
        let keys = Set(members.map(\.key))
        let kinds = keys.intersection([
            "call", "aggregate", "selector", "number", "contains", "anyOf", "allOf", "binary", "shape", "ranges",
        ])
        guard kinds.count <= 1 else {
            throw fail(
                "a pattern has one of call, aggregate, selector, number, contains, anyOf, allOf, binary, shape, ranges",
                node
            )
        }
        func optionalPattern(_ key: String) throws(RequirementsError) -> QueryPattern? {
            guard let inner = node[key], !inner.isNull else { return nil }
            return try pattern(inner, fail)
        }
        if let call = node["call"] {
            var arguments: [QueryPattern?] = []
            for argument in node["args"]?.array ?? [] {
                arguments.append(argument.isNull ? nil : try pattern(argument, fail))
            }
            return .call(functions: try strings(call, fail), arguments: arguments, over: try optionalPattern("over"))
        }
        if let aggregate = node["aggregate"] {
            return .aggregate(
                operators: try strings(aggregate, fail),
                keeps: try strings(node["keeps"], fail) ?? [],
                over: try optionalPattern("over")
            )
        }
        if let selector = node["selector"] {
            return .selector(
                metrics: try strings(selector, fail),
                range: try rangeRule(node["range"], fail),
                selects: try labelValues(node["selects"], fail),
                rejects: try labelValues(node["rejects"], fail)
            )
        }
        if let binary = node["binary"] {
            guard let left = node["left"], let right = node["right"] else {
                throw fail("a \"binary\" pattern needs \"left\" and \"right\" patterns", node)
            }
            return .binary(
                operators: try strings(binary, fail),
                left: try pattern(left, fail),
                right: try pattern(right, fail)
            )
        }
        if let number = node["number"] {
            guard let value = number.number else { throw fail("\"number\" must be a number", number) }
            return .number(value)
        }
        if let inner = node["contains"] { return .contains(try pattern(inner, fail)) }
        if let shape = node["shape"] {
            guard let name = shape.string, let known = QueryShape(rawValue: name) else {
                let names = QueryShape.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw fail("\"shape\" is one of \(names)", shape)
            }
            return .shape(known)
        }
        for key in ["anyOf", "allOf"] {
            guard let list = node[key] else { continue }
            guard let array = list.array else { throw fail("\"\(key)\" must be an array of patterns", list) }
            var patterns: [QueryPattern] = []
            for element in array { patterns.append(try pattern(element, fail)) }
            return key == "anyOf" ? .anyOf(patterns) : .allOf(patterns)
        }
        if node["ranges"] != nil { return .ranges(try rangeRule(node["ranges"], fail)) }
        if let unknown = keys.first { throw fail("unknown pattern key \"\(unknown)\"", node) }
        return .anything
    }

    /// Reads `{"label": ["value", ...]}`; absent means no constraint.
    private static func labelValues(
        _ node: JSONNode?,
        _ fail: (String, JSONNode) -> RequirementsError
    ) throws(RequirementsError) -> [String: [String]] {
        guard let node else { return [:] }
        guard let members = node.members else {
            throw fail("expected an object of label names to arrays of values", node)
        }
        var result: [String: [String]] = [:]
        for member in members {
            guard let values = try strings(member.value, fail) else {
                throw fail("expected values for the label \(member.key)", member.value)
            }
            result[member.key] = values
        }
        return result
    }

    private static func rangeRule(
        _ node: JSONNode?,
        _ fail: (String, JSONNode) -> RequirementsError
    ) throws(RequirementsError) -> QueryPattern.RangeRule {
        guard let node, let values = try strings(node, fail) else { return .any }
        if values.count == 1 {
            switch values[0] {
            case "any": return .any
            case "instant": return .instant
            case "fixed": return .fixed
            case "variable": return .variable
            default: break
            }
        }
        var names: [String] = []
        for value in values {
            guard value.hasPrefix("$") else {
                throw fail(
                    "a range is \"any\", \"instant\", \"fixed\", \"variable\" or variables such as \"$__rate_interval\"",
                    node
                )
            }
            names.append(String(value.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: "{}"))))
        }
        return .variables(names)
    }
}
