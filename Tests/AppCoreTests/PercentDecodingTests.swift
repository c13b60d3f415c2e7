import AppTracing
import Foundation
import TestSupport
import Testing

@testable import AppCore

@Suite("Percent-decoding of the key in GET /items/{key}")
struct PercentDecodingTests {
    @Test(
        "escapes decode to their bytes, read as UTF-8",
        arguments: [
            ("user:1", "user:1"),
            ("user%3A1", "user:1"),
            ("a%20b%2Fc", "a b/c"),
            ("%2f%2F", "//"),
            ("caf%C3%A9", "café"),
            ("%E2%82%AC%20", "€ "),
            ("100%25", "100%"),
            ("%00", "\u{0}"),
            ("", ""),
            ("plain+plus", "plain+plus"),
        ]
    )
    func decodes(escaped: String, decoded: String) {
        #expect(escaped.percentDecoded == decoded)
    }

    @Test(
        "a cut-short or non-hexadecimal escape, or bytes that are not UTF-8, give nil",
        arguments: ["%", "%4", "a%", "%zz", "%g0", "%0g", "%FF", "%A9", "%C3", "%C3%28", "%ED%A0%80", "ok%2"]
    )
    func refuses(escaped: String) {
        #expect(escaped.percentDecoded == nil)
    }

    /// Foundation's `removingPercentEncoding` also answers nil for these, except that it reads some lone
    /// bytes (`%A9`) as U+FFFD instead of refusing them; the key of a request is refused then too.
    @Test("agrees with Foundation's removingPercentEncoding on 20,000 random strings, but refuses every invalid byte")
    func agreesWithFoundation() {
        var random = SplitMix64(seed: 0x7065_7263)
        let pieces = [
            "%", "2", "F", "f", "g", "A", "%41", "%2F", "%C3", "%A9", "%E2%82%AC", "%FF", "%80", "a", "é", " ", ":",
            "/",
        ]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...8, using: &random)
            let text = (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
            let foundation = text.removingPercentEncoding
            if let decoded = text.percentDecoded {
                #expect(decoded == foundation, "\(text)")
            } else {
                #expect(foundation == nil || foundation!.unicodeScalars.contains("\u{FFFD}"), "\(text)")
            }
        }
    }
}
