import ArgumentParser

/// The output formats of `lint` and `grade` (`csv` is the class matrix of `grade`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case junit
    case csv
}
