import ArgumentParser

/// How `workshop status` prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// A table for people.
    case text
    /// One JSON document for scripts.
    case json
}
