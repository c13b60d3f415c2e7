import ArgumentParser

/// The output formats of `lint` and `grade`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case junit
}
