import ArgumentParser
import DashboardCheck
import Foundation

/// `dashboard-check promql [--file PATH] [--format text|json]`: one expression per line.
struct PromQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promql",
        abstract: "Parse and type-check PromQL expressions, one per line (stdin when no --file).",
        discussion: """
            With --format json, prints one object per input line, in order: {"ok":true,"type":"vector"} or \
            {"ok":false,"error":"...","line":1,"column":5}. Exit status: 0 all valid, 1 some invalid, 2 unusable \
            arguments.
            """
    )

    /// The formats this subcommand writes.
    enum Format: String, ExpressibleByArgument {
        case text
        case json
    }

    @Option(help: "Read expressions from this file instead of stdin.")
    var file: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Print only how many lines are valid and invalid (to measure parsing without printing).")
    var countOnly = false

    func run() throws {
        let data: Data
        if let file, file != "-" {
            guard let contents = FileManager.default.contents(atPath: file) else {
                Output.error("dashboard-check: cannot read \(file)")
                throw ExitCode(2)
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        var allValid = true
        var invalid = 0
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
            let verdict = PromQLLineChecker.check(line)
            if !verdict.isValid {
                allValid = false
                invalid += 1
            }
            if countOnly { continue }
            switch format {
            case .json: buffer.append(contentsOf: PromQLLineChecker.json(verdict).utf8)
            case .text:
                buffer.append(contentsOf: PromQLLineChecker.text(verdict, expression: line, inputLine: index + 1).utf8)
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 16 {
                Output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if countOnly {
            buffer.append(contentsOf: "\(lines.count - invalid) valid, \(invalid) invalid\n".utf8)
        }
        Output.write(buffer)
        if !allValid { throw ExitCode(1) }
    }
}
