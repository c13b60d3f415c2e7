import Foundation
import TestSupport
import Testing

@Suite("Code on the slides is the code in the repository")
struct SnippetTests {
    @Test("every code block that names its source equals the marked region of that file")
    func sourcedBlocksMatchTheirRegions() throws {
        let deck = try Deck.load("slides/workshop.md")
        let findings = SnippetCheck.findings(in: deck, read: Repository.text)
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }

    @Test("every source line above a code block is well formed")
    func sourceLinesAreWellFormed() throws {
        let text = try Repository.text("slides/workshop.md")
        let deck = try Deck(path: "slides/workshop.md", text: text)
        let used = Set(deck.codeBlocks.compactMap(\.source))
        for (line, marker) in Deck.sourceLines(in: text) {
            let trimmed = marker.trimmingCharacters(in: .whitespaces)
            let reference = try #require(
                trimmed.wholeMatch(of: Deck.sourcePattern),
                "slides/workshop.md:\(line): `\(trimmed)` is not `<!-- source: PATH#REGION -->`"
            )
            let source = SourceReference(path: String(reference.output.path), region: String(reference.output.region))
            #expect(used.contains(source), "slides/workshop.md:\(line): no code block follows `\(trimmed)`")
        }
    }

    @Test("a block that drifted from its region is reported with the first different line")
    func driftIsReported() throws {
        let file = """
            struct Counter {
                // slide:increment
                mutating func increment() {
                    value += 1
                }
                // end-slide
            }
            """
        let deck = try Deck(
            path: "deck.md",
            text: """
                # One

                <!-- source: Counter.swift#increment -->
                ```swift
                mutating func increment() {
                    value += 2
                }
                ```
                """
        )
        #expect(deck.codeBlocks.count == 1)
        let findings = SnippetCheck.findings(in: deck, read: { _ in file })
        #expect(findings.count == 1)
        #expect(findings.first?.contains("deck.md:4: the block differs from Counter.swift#increment") == true)
        #expect(findings.first?.contains("line 2 of the region:     value += 1") == true)
    }

    @Test("a region is read without its markers' indentation, and a missing region is named")
    func regionsAreDedentedAndMissingOnesReported() throws {
        let text = "a:\n  # slide:b\n  b: 1\n    c: 2\n  # end-slide\n"
        #expect(try MarkedRegion.extract("b", from: text, file: "x.yml") == "b: 1\n  c: 2")
        #expect(throws: SlideCheckError.self) { try MarkedRegion.extract("missing", from: text, file: "x.yml") }
        #expect(throws: SlideCheckError.self) {
            try MarkedRegion.extract("open", from: "// slide:open\nlet a = 1\n", file: "a.swift")
        }
    }
}
