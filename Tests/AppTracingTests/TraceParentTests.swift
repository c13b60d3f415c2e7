import AppTracing
import Testing

@Suite("W3C traceparent")
struct TraceParentTests {
    @Test("reads the specification's example and writes it back the same")
    func example() throws {
        let text = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let context = try #require(TraceParent.parse(text))
        #expect(context.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.spanIDHex == "00f067aa0ba902b7")
        #expect(context.isSampled)
        #expect(TraceParent.format(context) == text)
    }

    @Test("the sampled flag is bit 0 of the flags")
    func unsampled() throws {
        let context = try #require(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02"))
        #expect(!context.isSampled)
        #expect(TraceParent.format(context).hasSuffix("-00"))
    }

    @Test(
        "refuses malformed values",
        arguments: [
            "",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // all-zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // invalid version
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",  // version 00 has four fields
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",
            "00-4bf92f3577b34da6a3ce929d0e0e47zz-00f067aa0ba902b7-01",
        ]
    )
    func malformed(text: String) {
        #expect(TraceParent.parse(text) == nil)
    }

    @Test("a later version is read by its first four fields")
    func laterVersion() throws {
        let context = try #require(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what"))
        #expect(context.spanIDHex == "00f067aa0ba902b7")
    }
}
