import Foundation
import TestSupport
import Testing

/// Malformed, oversized and odd requests, sent byte for byte to the built apps running as processes.
@Suite("Bad input", .serialized)
struct BadInputTests {
    @Test(
        "Every row of the bad-input table gets its documented status and a JSON body",
        arguments: ["redis-app", "instrumented-app"]
    )
    func everyRowGetsItsStatus(app name: String) async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start(name, redis: redis)
        defer { app.stop() }
        try Self.prepare(app)
        for row in BadInputCase.table {
            let problems = Self.send(row, to: app)
            #expect(problems.isEmpty, "\(name), \(row.name): \(problems.joined(separator: "; "))")
        }
        #expect(app.isRunning, "the app died: \(app.logTail())")
    }

    @Test("The app's memory does not grow when the whole table is sent again and again")
    func memoryStaysFlat() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start("instrumented-app", redis: redis)
        defer { app.stop() }
        try Self.prepare(app)
        for _ in 0..<3 {
            for row in BadInputCase.table { _ = Self.send(row, to: app) }
        }
        let warm = try app.residentKiB()
        for _ in 0..<10 {
            for row in BadInputCase.table { _ = Self.send(row, to: app) }
        }
        let after = try app.residentKiB()
        print("bad input: RSS \(warm) KiB after 3 warm-up runs of the table, \(after) KiB after 10 more")
        // Allocators keep some freed memory: allow 10 % plus 4 MiB, far below 10 runs of 3 MiB bodies.
        #expect(after <= warm + warm / 10 + 4096, "RSS grew from \(warm) KiB to \(after) KiB")
        #expect(app.isRunning, "the app died: \(app.logTail())")
    }

    /// Stores the items the table reads.
    static func prepare(_ app: RunningApp) throws {
        for (key, value) in [("user:1", "Folan"), ("a b/c", "spaced")] {
            let response = try app.request("POST", "/items", body: #"{"key": "\#(key)", "value": "\#(value)"}"#)
            guard response.status == 201 else {
                throw TestSupportError("storing \(key) answered \(response.status): \(response.text)")
            }
        }
    }

    /// Sends one row on a fresh connection; returns what differs from the row's expectations.
    static func send(_ row: BadInputCase, to app: RunningApp) -> [String] {
        var problems: [String] = []
        do {
            let connection = try RawHTTPConnection(port: app.port, timeout: 10)
            defer { connection.closeConnection() }
            // A server may answer (413) and close before taking a whole oversized body.
            connection.sendTolerantly(row.request)
            for (index, expected) in row.statuses.enumerated() {
                let response = try connection.readResponse()
                let which = row.statuses.count > 1 ? "answer \(index + 1): " : ""
                if response.status != expected {
                    problems.append(
                        "\(which)status \(response.status), expected \(expected): \(response.text.prefix(200))"
                    )
                }
                if row.isRefusedByHTTPParser && response.headers["connection"]?.lowercased() != "close" {
                    problems.append("the parser's refusal does not close the connection: \(response.headers)")
                }
                if response.status >= 400 {
                    if response.jsonError == nil {
                        problems.append(
                            "\(which)no JSON {\"error\": ...} body: \(String(reflecting: response.text.prefix(200)))"
                        )
                    }
                } else if response.jsonObject == nil || response.jsonError != nil {
                    problems.append("\(which)not a JSON object without error: \(response.text.prefix(200))")
                }
            }
        } catch {
            problems.append("no answer: \(error)")
        }
        return problems
    }
}
