import Foundation
import TestSupport
import Testing

/// JSON shown on a slide as part of a file: `<!-- excerpt: PATH -->` above a `json` block. JSON has no
/// comments to mark a region with, so the block must instead be a part of one panel of the dashboard
/// at PATH: the panel with the same title, every key shown there with the value shown.
@Suite("JSON on the slides is a part of the dashboard it names")
struct ExcerptTests {
    /// The excerpt blocks of `text`: the file each names and the block's JSON.
    static func excerpts(in text: String, deck: Deck) -> [(line: Int, path: String, json: String)] {
        let lines = text.components(separatedBy: "\n")
        return deck.codeBlocks.compactMap { block in
            let above = block.line - 2  // 0-based index of the line above the fence
            guard above >= 0,
                let match = lines[above].trimmingCharacters(in: .whitespaces)
                    .wholeMatch(of: /<!--\s*excerpt:\s*(?<path>\S+)\s*-->/)
            else { return nil }
            return (block.line, String(match.output.path), block.content)
        }
    }

    /// Whether every key of `part` is in `whole` with a value that contains the part's value in turn.
    static func isPart(_ part: Any, of whole: Any) -> Bool {
        switch (part, whole) {
        case (let part as [String: Any], let whole as [String: Any]):
            return part.allSatisfy { key, value in whole[key].map { isPart(value, of: $0) } ?? false }
        case (let part as [Any], let whole as [Any]):
            return part.count == whole.count && zip(part, whole).allSatisfy { isPart($0, of: $1) }
        default:
            return (part as? NSObject)?.isEqual(whole) ?? false
        }
    }

    @Test("every JSON excerpt on a slide is a part of a panel of the dashboard it names")
    func excerptsArePanels() throws {
        let text = try Repository.text("slides/workshop.md")
        let deck = try Deck(path: "slides/workshop.md", text: text)
        let excerpts = Self.excerpts(in: text, deck: deck)
        #expect(!excerpts.isEmpty, "the deck shows a dashboard's JSON on a slide")
        for (line, path, json) in excerpts {
            let shown = try JSONSerialization.jsonObject(with: Data(json.utf8))
            let panel = try #require(shown as? [String: Any], "slides/workshop.md:\(line): not a JSON object")
            let dashboard = try JSONSerialization.jsonObject(with: Data(try Repository.text(path).utf8))
            let panels = (dashboard as? [String: Any])?["panels"] as? [[String: Any]] ?? []
            let title = panel["title"] as? String
            let original = try #require(
                panels.first { $0["title"] as? String == title },
                "slides/workshop.md:\(line): \(path) has no panel titled \(title ?? "(none)")"
            )
            #expect(Self.isPart(panel, of: original), "slides/workshop.md:\(line): the panel differs from \(path)")
        }
    }

    @Test("a changed value or an invented key is not a part")
    func partsAreStrict() {
        let whole: [String: Any] = ["a": 1, "b": ["c": "x", "d": [1, 2]]]
        #expect(Self.isPart(["b": ["d": [1, 2]]], of: whole))
        #expect(!Self.isPart(["b": ["d": [1, 3]]], of: whole))
        #expect(!Self.isPart(["e": 1], of: whole))
        #expect(!Self.isPart(["a": "1"], of: whole))
    }
}
