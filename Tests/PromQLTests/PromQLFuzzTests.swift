import AppTracing
import Foundation
import PromQL
import TestSupport
import Testing

/// Mutated and random input for the parser: it must return a tree or throw a `PromQLError`, never crash.
///
/// The inputs come from a fixed seed, so a failure repeats; the failure message names the input.
/// The libFuzzer target in `fuzz/` explores much further; this test keeps every `swift test` honest.
@Suite("The parser survives mutated and random input")
struct PromQLFuzzTests {
    static let seed: UInt64 = 0x5052_4F4D_514C  // "PROMQL"
    static let mutantCount = 10_000

    /// Parses `text`; returns a description of what went wrong, or nil when the parser behaved.
    static func misbehaviour(of text: String) -> String? {
        let tree: Expr
        do {
            tree = try PromQLParser.parse(text)
        } catch {
            if error.position.line < 1 || error.position.column < 1 {
                return "error without a position (\(error.position.line):\(error.position.column)): \(error.message)"
            }
            if error.message.isEmpty { return "error without a message" }
            return nil
        }
        _ = tree.type
        let printed = PromQLPrinter.print(tree)
        do {
            let reparsed = try PromQLParser.parse(printed)
            if reparsed != tree {
                return "printed as \(String(reflecting: printed)), which parses to another tree"
            }
        } catch {
            return "printed as \(String(reflecting: printed)), which does not parse: \(error.message)"
        }
        return nil
    }

    /// One mutation of `text`, spliced with `other` where the mutation needs a second input.
    static func mutate(_ text: String, with other: String, using random: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        let donor = Array(other.utf8)
        let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0:  // flip one bit
            if !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            }
        case 1:  // insert a random byte
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
        case 2:  // insert a PromQL-ish character
            let characters = Array("(){}[],:=!~<>+-*/%^@\"'`#\n .0123456789eEx".utf8)
            bytes.insert(characters[Int.random(in: 0..<characters.count, using: &random)], at: position)
        case 3:  // delete a range
            if !bytes.isEmpty {
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
                bytes.removeSubrange(min(position, bytes.count - 1)..<end)
            }
        case 4:  // truncate
            bytes = Array(bytes.prefix(position))
        case 5:  // splice: a prefix of this one and a suffix of the other
            let cut = donor.isEmpty ? 0 : Int.random(in: 0...donor.count, using: &random)
            bytes = Array(bytes.prefix(position)) + donor.suffix(from: cut)
        case 6:  // insert the other expression whole
            bytes.insert(contentsOf: donor, at: position)
        case 7:  // duplicate a slice
            if !bytes.isEmpty {
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let end = min(bytes.count, start + Int.random(in: 1...16, using: &random))
                bytes.insert(contentsOf: bytes[start..<end], at: position)
            }
        default:  // random bytes
            bytes = (0..<Int.random(in: 0...32, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("returns or throws with a position for 10,000 mutants of the table's expressions")
    func mutants() throws {
        let table = try PromQLCase.table().map(\.expr)
        try #require(!table.isEmpty)
        var random = SplitMix64(seed: Self.seed)
        var failures: [String] = []
        for _ in 0..<Self.mutantCount {
            var text = table[Int.random(in: 0..<table.count, using: &random)]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                text = Self.mutate(text, with: table[Int.random(in: 0..<table.count, using: &random)], using: &random)
            }
            if let problem = Self.misbehaviour(of: text) {
                failures.append("\(String(reflecting: text)): \(problem)")
                if failures.count >= 20 { break }
            }
        }
        #expect(failures.isEmpty, "seed \(Self.seed):\n\(failures.joined(separator: "\n"))")
    }

    @Test(
        "returns or throws on deep nesting",
        arguments: [
            ("parentheses", "(", "1", ")"),
            ("unary minus", "-", "1", ""),
            ("function calls", "abs(", "x", ")"),
            ("aggregations", "sum(", "x", ")"),
            ("subqueries", "max_over_time((", "x", ")[5m:])"),
            ("binary operators", "1 + ", "1", ""),
            ("powers", "2 ^ ", "2", ""),
            ("unclosed parentheses", "(", "", ""),
            ("unclosed braces", "{", "", ""),
        ]
    )
    func deepNesting(name: String, open: String, inner: String, close: String) {
        for depth in [100, 1_000, 100_000] {
            let text =
                String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
            let problem = Self.misbehaviour(of: text)
            #expect(problem == nil, "\(depth) nested \(name): \(problem ?? "")")
        }
    }

    @Test("returns or throws for 1,000 strings of random bytes")
    func randomBytes() {
        var random = SplitMix64(seed: Self.seed ^ 0xFF)
        var failures: [String] = []
        for _ in 0..<1_000 {
            let length = Int.random(in: 0...256, using: &random)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let problem = Self.misbehaviour(of: text) {
                failures.append("\(String(reflecting: text)): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("every input the libFuzzer target once crashed on (fuzz/crashers/promql) now behaves")
    func fuzzCrashers() throws {
        let crashers = try FuzzCrashers.inputs(of: "promql")
        #expect(!crashers.isEmpty, "no crashers in \(FuzzCrashers.folder(of: "promql").path)")
        for (file, text) in crashers {
            #expect(Self.misbehaviour(of: text) == nil, "\(file): \(Self.misbehaviour(of: text) ?? "")")
        }
    }
}
