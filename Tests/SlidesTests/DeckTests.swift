import Foundation
import TestSupport
import Testing

@Suite("The deck reads the way reveal-md reads it")
struct DeckTests {
    @Test("the front matter gives a title, a theme and reveal.js options")
    func frontMatter() throws {
        let deck = try Deck.load("slides/workshop.md")
        #expect(deck.frontMatter["title"]?.isEmpty == false)
        #expect(deck.frontMatter["theme"] == "dracula")
        #expect(deck.frontMatter["revealOptions"] != nil)
    }

    @Test("no code block holds a slide separator, so reveal.js makes the slides a reader sees")
    func separatorsOutsideCode() throws {
        let deck = try Deck.load("slides/workshop.md")
        #expect(deck.revealSlideCount == deck.slides.count)
        #expect(deck.slides.count >= 40, "the deck has \(deck.slides.count) slides")
    }

    @Test("every slide has a heading and speaker notes")
    func headingsAndNotes() throws {
        let deck = try Deck.load("slides/workshop.md")
        for slide in deck.slides {
            #expect(slide.heading != nil, "slides/workshop.md:\(slide.line): the slide has no heading")
            #expect(slide.notes?.isEmpty == false, "slides/workshop.md:\(slide.line): the slide has no `Note:` section")
            // reveal.js splits notes on `notes?:` anywhere, in any case: a second one would cut the notes short.
            let separators = ((slide.content + "\n" + (slide.notes ?? "")).lowercased()).matches(of: /notes?:/).count
            #expect(
                separators == 0,
                "slides/workshop.md:\(slide.line): `note:` appears again in the slide or its notes"
            )
        }
    }

    @Test("the parts come in the workshop's order")
    func partsInOrder() throws {
        let deck = try Deck.load("slides/workshop.md")
        let headings = deck.slides.compactMap(\.heading)
        let expected = [
            "Owning a service", "Twenty years of isolation", "The Dockerfile: build stage", "redis-app",
            "The same, by hand", "How the exercises work", "What \"not yet\" looks like", "01", "02",
            "Checkpoint: everyone at 02?", "Break", "A question before we go on", "Four ideas to keep",
            "Pillar 1: metrics", "Two methods: USE and RED", "The workshop stack", "A time series",
            "Prometheus pulls", "Measuring every request", "03", "04", "05", "Checkpoint: everyone at 05?",
            "Start the stack", "Grafana", "Step and interval", "PromQL anatomy", "Percentiles first", "Gauge",
            "USE, on our own process", "Counter", "The counter in Swift", "06", "A dashboard is JSON",
            "The Grafana round trip", "07", "Checkpoint: everyone at 07?", "Break", "Summary",
            "You cannot average quantiles", "Histogram", "Cumulative and non-cumulative", "histogram_quantile",
            "The same query, as a recording rule", "08", "Checkpoint: everyone at 08?", "Alerting rules",
            "Testing an alert", "09", "Checkpoint: everyone at 09?", "10", "11",
            "Checkpoint: everyone at 11?", "What would you improve?",
        ]
        var position = 0
        for wanted in expected {
            let found = headings[position...].firstIndex(where: { $0.contains(wanted) })
            #expect(found != nil, "no slide titled like `\(wanted)` after `\(headings[max(position - 1, 0)])`")
            position = (found ?? position) + 1
        }
    }

    @Test("every picture the deck shows exists")
    func picturesExist() throws {
        let text = try Repository.text("slides/workshop.md")
        let pictures = text.matches(of: /!\[[^\]]*\]\((?<path>[^)\s]+)\)/).map { String($0.output.path) }
        #expect(pictures.count == 3)
        for picture in pictures {
            #expect(FileManager.default.fileExists(atPath: Repository.path("slides/\(picture)").path), "\(picture)")
        }
    }

    @Test("one slide per exercise, each naming its folder, in order 01 to 11")
    func oneSlidePerExercise() throws {
        let deck = try Deck.load("slides/workshop.md")
        let folders = deck.slides.compactMap { slide in
            slide.content.firstMatch(of: /`Exercises\/(?<folder>\d\d-[a-z0-9-]+)\/`/).map { String($0.output.folder) }
        }
        #expect(
            folders == [
                "01-health-check", "02-item-lookup", "03-request-counter", "04-latency-histogram",
                "05-in-progress-gauge", "06-cache-miss", "07-cache-miss-panel", "08-p95-latency", "09-error-ratio",
                "10-structured-log", "11-redis-span",
            ]
        )
        // Once the exercises are in the repository, each folder the slides point at must exist.
        if FileManager.default.fileExists(atPath: Repository.path("Exercises").path) {
            for folder in folders {
                #expect(
                    FileManager.default.fileExists(atPath: Repository.path("Exercises/\(folder)/README.md").path),
                    "a slide points at Exercises/\(folder)/, which has no README.md"
                )
            }
        }
    }
}
