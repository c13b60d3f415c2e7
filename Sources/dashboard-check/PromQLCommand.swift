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
        // Split on newline bytes: much cheaper than splitting a String by Character.
        let bytes = [UInt8](data)
        var lines: [String] = []
        var lineStart = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            var lineEnd = index
            if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            lines.append(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
            lineStart = index + 1
        }
        if lineStart < bytes.count { lines.append(String(decoding: bytes[lineStart...], as: UTF8.self)) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 17)
        var allValid = true
        var invalid = 0
        for (index, line) in lines.enumerated() {
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
