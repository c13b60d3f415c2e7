import Foundation

/// The deck's run-of-show: the minutes of each segment in both variants of the day.
///
/// A segment starts at a slide that carries `<!-- run-of-show: half N, full M -->` and runs to the
/// slide before the next such marker. The plan slide states the lengths of the day with
/// `<!-- run-of-show length: half N, full M -->`.
struct RunOfShow: Sendable {
    /// One stretch of the day, named by the heading of its first slide.
    struct Segment: Sendable, Equatable {
        /// The heading of the segment's first slide.
        var heading: String
        /// The 1-based line of that slide in the deck.
        var line: Int
        /// Minutes in the half-day variant.
        var half: Int
        /// Minutes in the full-day variant.
        var full: Int
    }

    /// The segments in deck order.
    var segments: [Segment]
    /// The lengths the deck states, in minutes.
    var statedHalf: Int
    var statedFull: Int

    /// A segment's marker: `<!-- run-of-show: half N, full M -->`.
    static var segmentPattern: Regex<(Substring, half: Substring, full: Substring)> {
        /<!--\s*run-of-show:\s*half\s+(?<half>\d+),\s*full\s+(?<full>\d+)\s*-->/
    }
    /// The stated lengths: `<!-- run-of-show length: half N, full M -->`.
    static var lengthPattern: Regex<(Substring, half: Substring, full: Substring)> {
        /<!--\s*run-of-show length:\s*half\s+(?<half>\d+),\s*full\s+(?<full>\d+)\s*-->/
    }

    /// Reads the markers of `deck`.
    static func read(_ deck: Deck) throws -> RunOfShow {
        var segments: [Segment] = []
        var stated: (Int, Int)?
        for slide in deck.slides {
            let markers = slide.content.matches(of: segmentPattern)
            if markers.count > 1 {
                throw SlideCheckError("\(deck.path):\(slide.line): a slide starts at most one segment")
            }
            if let marker = markers.first, let half = Int(marker.output.half), let full = Int(marker.output.full) {
                segments.append(Segment(heading: slide.heading ?? "", line: slide.line, half: half, full: full))
            }
            if let length = slide.content.firstMatch(of: lengthPattern) {
                if stated != nil { throw SlideCheckError("\(deck.path):\(slide.line): the length is stated twice") }
                stated = (Int(length.output.half) ?? 0, Int(length.output.full) ?? 0)
            }
        }
        guard let stated else {
            throw SlideCheckError("\(deck.path): no `<!-- run-of-show length: half N, full M -->` marker")
        }
        return RunOfShow(segments: segments, statedHalf: stated.0, statedFull: stated.1)
    }

    /// Minutes of every segment, in the half-day variant.
    var totalHalf: Int { segments.reduce(0) { $0 + $1.half } }
    /// Minutes of every segment, in the full-day variant.
    var totalFull: Int { segments.reduce(0) { $0 + $1.full } }

    /// `09:00` plus `minutes`, as `HH:MM`.
    static func clock(startingAt start: Int = 9 * 60, after minutes: Int) -> String {
        let time = start + minutes
        return String(format: "%02d:%02d", time / 60, time % 60)
    }
}
