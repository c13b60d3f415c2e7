import Foundation
import TestSupport
import Testing

@Suite("A real Prometheus for the tests")
struct PrometheusServerTests {
    @Test("answers an instant query, rejects a bad one with its position, and formats a query")
    func queriesAndFormats() async throws {
        let server = try await PrometheusServer.start()
        defer { server.stop() }

        let scalar = try await server.query("1 + 2")
        #expect(scalar.isSuccess)
        #expect(scalar.resultType == "scalar")

        let vector = try await server.query("sum by (status) (rate(http_requests_total[5m]))")
        #expect(vector.resultType == "vector")
        #expect(vector.resultJSON == "[]")

        let bad = try await server.query("rate(http_requests_total{")
        #expect(bad.httpStatus == 400)
        #expect(bad.errorType == "bad_data")
        #expect(bad.queryError == "1:26: parse error: unexpected end of input inside braces")

        let formatted = try await server.formatQuery("sum(rate(x[5m]))by(job)")
        #expect(formatted.dataString == "sum by (job) (rate(x[5m]))")
    }

    @Test("removes its database directory when stopped")
    func stopRemovesDirectory() async throws {
        let server = try await PrometheusServer.start()
        let directory = server.directory
        #expect(FileManager.default.fileExists(atPath: directory.path))
        server.stop()
        #expect(!server.process.isRunning)
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
