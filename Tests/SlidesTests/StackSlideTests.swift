import Foundation
import TestSupport
import Testing
import Yams

@Suite("The stack slides agree with provisioning and the compose file")
struct StackSlideTests {
    /// The first slide whose heading contains `title`.
    static func slide(_ title: String) throws -> Slide {
        let deck = try Deck.load("slides/workshop.md")
        return try #require(deck.slides.first { $0.heading?.contains(title) == true }, "no slide \(title)")
    }

    /// The provisioned datasource's name and uid.
    static func provisionedDatasource() throws -> (name: String, uid: String) {
        let path = "configs/grafana/provisioning/datasources/prometheus.yml"
        let datasource = try #require(try YAMLDocument.load(path)["datasources"]?.sequence?.first)
        return (try #require(datasource["name"]?.string), try #require(datasource["uid"]?.string))
    }

    @Test("Start the stack says what provisioning made, and its traffic comes from scripts/run-test.sh")
    func startTheStack() throws {
        let slide = try Self.slide("Start the stack")
        let datasource = try Self.provisionedDatasource()
        for expected in [
            datasource.uid, "**Workshop**", "**Your work**", "Exercises/dashboards/workshop.json",
            "./scripts/run-test.sh",
        ] {
            #expect(slide.content.contains(expected), "Start the stack does not say \(expected)")
        }
        #expect(!slide.content.contains("swift run loadgen"))
        #expect(!slide.content.lowercased().contains("import"), "provisioning imports the dashboards already")
    }

    @Test("the by-hand demo uses a datasource name and dashboard uid of its own")
    func byHandDemo() throws {
        let slide = try Self.slide("Optional demo")
        let datasource = try Self.provisionedDatasource()
        let named = try #require(slide.content.firstMatch(of: /name `(?<name>[^`]+)`/)?.output.name)
        #expect(named != datasource.name)
        #expect(!slide.content.contains(datasource.uid))
        #expect(slide.content.contains("**uid**"), "the demo must say to change the imported dashboard's uid")
    }

    @Test("the architecture note names every app port the compose file publishes")
    func architectureNote() throws {
        let notes = try #require(try Self.slide("The workshop stack").notes)
        for port in ["9000", "9001", "9002", "9003"] {
            #expect(notes.contains(port), "the architecture note does not name port \(port)")
        }
        #expect(notes.contains("run-test.sh"))
        let picture = try Repository.text("slides/images/architecture.svg")
        for text in ["instrumented-app-2", "instrumented-app-3", ":9001 → host 9001", "scripts/run-test.sh"] {
            #expect(picture.contains(text), "the architecture picture does not show \(text)")
        }
        #expect(!picture.contains("loadgen"))
    }
}
