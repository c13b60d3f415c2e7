import Foundation
import TestSupport
import Testing

@Suite("The deck is a run-of-show")
struct RunOfShowTests {
    static let guide = "slides/INSTRUCTOR.md"

    @Test("the run-of-show's minutes add up to the stated length, for the half day and the full day")
    func minutesAddUp() throws {
        let deck = try Deck.load("slides/workshop.md")
        let show = try RunOfShow.read(deck)
        #expect(show.segments.count >= 20, "expected minutes on many slides; found \(show.segments.count)")
        #expect(show.totalHalf == show.statedHalf, "half day: the segments add up to \(show.totalHalf) min")
        #expect(show.totalFull == show.statedFull, "full day: the segments add up to \(show.totalFull) min")
        #expect(show.statedHalf == 240 && show.statedFull == 420)
        #expect(
            deck.slides.first?.content.contains(RunOfShow.segmentPattern) == true,
            "the first slide starts no segment"
        )
        for segment in show.segments {
            #expect(segment.half > 0 && segment.full >= segment.half, "slides/workshop.md:\(segment.line): \(segment)")
        }
        let plan = try #require(deck.slides.first { $0.heading == "The plan for today" })
        #expect(plan.content.contains("(\(show.statedHalf) min)") && plan.content.contains("(\(show.statedFull) min)"))
    }

    @Test("the plan slide's table adds up to the stated lengths, and its breaks row to the two breaks")
    func planTableAddsUp() throws {
        let deck = try Deck.load("slides/workshop.md")
        let show = try RunOfShow.read(deck)
        let plan = try #require(deck.slides.first { $0.heading == "The plan for today" })
        let rows = plan.content.matches(of: /(?m)^\| (?<part>[^|]+?) \| (?<half>\d+) min \| (?<full>\d+) min \|$/)
        #expect(rows.count >= 5)
        #expect(rows.reduce(0) { $0 + (Int($1.output.half) ?? 0) } == show.statedHalf)
        #expect(rows.reduce(0) { $0 + (Int($1.output.full) ?? 0) } == show.statedFull)
        let breaks = show.segments.filter { $0.heading == "Break" }
        #expect(breaks.count == 2, "two breaks: \(breaks)")
        let breaksRow = try #require(rows.first { $0.output.part.contains("break") })
        #expect(Int(breaksRow.output.half) == breaks.reduce(0) { $0 + $1.half })
        #expect(Int(breaksRow.output.full) == breaks.reduce(0) { $0 + $1.full })
    }

    @Test("each exercise comes right after the idea it practises, each group closed by a checkpoint")
    func exercisesFollowTheirConcepts() throws {
        let deck = try Deck.load("slides/workshop.md")
        let headings = deck.slides.map { $0.heading ?? "" }
        let segmentStarts = Set(try RunOfShow.read(deck).segments.map(\.heading))
        let groups: [(concept: String, exercises: [String])] = [
            ("The same, by hand", ["01", "02"]),
            ("Measuring every request in Swift", ["03", "04", "05"]),
            ("The counter in Swift", ["06", "07"]),
            ("`histogram_quantile`", ["08"]),
            ("Alerting rules", ["09"]),
        ]
        var previous = 0
        for (concept, exercises) in groups {
            let conceptIndex = try #require(headings.firstIndex { $0.hasPrefix(concept) }, "no slide `\(concept)`")
            let indices = try exercises.map { number in
                try #require(headings.firstIndex { $0.hasPrefix("\(number) · ") }, "no slide for exercise \(number)")
            }
            let first = try #require(indices.first)
            let last = try #require(indices.last)
            #expect(previous <= conceptIndex && conceptIndex < first, "\(exercises) do not follow `\(concept)`")
            let between = headings[conceptIndex..<last]
            #expect(!between.contains { $0.hasPrefix("Part ") || $0 == "Break" }, "\(concept) … \(exercises)")
            let checkpoint = last + 1 < headings.count ? headings[last + 1] : ""
            #expect(
                checkpoint == "Checkpoint: everyone at \(exercises.last ?? "")?",
                "after \(exercises): \(checkpoint)"
            )
            for number in exercises {
                let heading = headings.first { $0.hasPrefix("\(number) · ") } ?? ""
                #expect(segmentStarts.contains(heading), "exercise \(number) has no minutes of its own")
            }
            #expect(segmentStarts.contains(checkpoint), "\(checkpoint) has no minutes of its own")
            previous = last
        }
    }

    @Test("slides/INSTRUCTOR.md's schedule is the deck's run-of-show, with its clock times from 09:00")
    func guideScheduleMatchesTheDeck() throws {
        let show = try RunOfShow.read(try Deck.load("slides/workshop.md"))
        let guide = try Repository.text(Self.guide)
        let rows = guide.matches(
            of:
                /(?m)^\| (?<halfStart>\d\d:\d\d) \| (?<fullStart>\d\d:\d\d) \| (?<heading>.+?) \| (?<half>\d+) \| (?<full>\d+) \|$/
        )
        #expect(
            rows.count == show.segments.count,
            "\(Self.guide) has \(rows.count) rows, the deck \(show.segments.count) segments"
        )
        var (half, full) = (0, 0)
        for (row, segment) in zip(rows, show.segments) {
            let output = row.output
            #expect(
                String(output.heading) == segment.heading,
                "\(Self.guide): `\(output.heading)` against `\(segment.heading)`"
            )
            #expect(Int(output.half) == segment.half && Int(output.full) == segment.full, "\(segment.heading)")
            #expect(String(output.halfStart) == RunOfShow.clock(after: half), "\(segment.heading): half-day start")
            #expect(String(output.fullStart) == RunOfShow.clock(after: full), "\(segment.heading): full-day start")
            half += segment.half
            full += segment.full
        }
        #expect(
            guide.contains("ends at \(RunOfShow.clock(after: half))")
                && guide.contains("ends at \(RunOfShow.clock(after: full))")
        )
    }

    @Test("a deck whose minutes do not add up is caught")
    func wrongSumIsCaught() throws {
        let deck = try Deck(
            path: "deck.md",
            text: """
                # One

                <!-- run-of-show length: half 30, full 60 -->
                <!-- run-of-show: half 10, full 20 -->

                Note: first

                ---

                # Two

                <!-- run-of-show: half 10, full 30 -->

                Note: second
                """
        )
        let show = try RunOfShow.read(deck)
        #expect(show.segments.map(\.heading) == ["One", "Two"])
        #expect(show.totalHalf == 20 && show.statedHalf == 30)
        #expect(show.totalFull == 50 && show.statedFull == 60)
        #expect(throws: SlideCheckError.self) { try RunOfShow.read(try Deck(path: "x.md", text: "# None\n\nNote: x")) }
    }
}
