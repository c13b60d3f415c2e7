/// Compares the deck's sourced code blocks with the marked regions of the files they name.
enum SnippetCheck {
    /// One finding per block that does not equal its region; `read` returns a file's text by relative path.
    static func findings(in deck: Deck, read: (String) throws -> String) -> [String] {
        var findings: [String] = []
        for block in deck.codeBlocks {
            guard let source = block.source else { continue }
            do {
                let region = try MarkedRegion.extract(source.region, from: read(source.path), file: source.path)
                if region != block.content {
                    findings.append(
                        "\(deck.path):\(block.line): the block differs from \(source.path)#\(source.region) "
                            + "(run slides/scripts/sync-snippets.py to copy the region in)\n"
                            + Self.firstDifference(expected: region, found: block.content)
                    )
                }
            } catch {
                findings.append("\(deck.path):\(block.line): \(error)")
            }
        }
        return findings
    }

    /// Describes the first line where `found` departs from `expected`.
    static func firstDifference(expected: String, found: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let have = found.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, have.count) {
            let expectedLine = index < want.count ? String(want[index]) : "(end of region)"
            let foundLine = index < have.count ? String(have[index]) : "(end of block)"
            if expectedLine != foundLine {
                return
                    "  line \(index + 1) of the region: \(expectedLine)\n  line \(index + 1) on the slide:  \(foundLine)"
            }
        }
        return "  (same lines)"
    }
}
