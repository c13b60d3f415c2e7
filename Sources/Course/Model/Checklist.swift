/// Collects the results of one exercise's checks: each `expect` is one check, and a failed one
/// keeps its message.
public struct Checklist: Sendable {
    /// How many checks ran.
    public private(set) var count = 0
    /// The messages of the checks that failed.
    public private(set) var problems: [String] = []

    /// Makes an empty checklist.
    public init() {}

    /// Records one check: when `condition` is false, `message` is a problem.
    public mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        count += 1
        if !condition { problems.append(message()) }
    }

    /// Records a check that failed with `message`.
    public mutating func fail(_ message: String) {
        count += 1
        problems.append(message)
    }

    /// Records the checks of another list.
    public mutating func merge(_ other: Checklist) {
        count += other.count
        problems += other.problems
    }
}
