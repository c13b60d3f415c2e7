import AppCore
import Foundation
import Hummingbird
import TestSupport
import Testing

@Suite("The items API over a real Redis")
struct ItemsControllerTests {
    @Test("POST /items stores an item and GET /items/{key} reads it back")
    func createAndRead() async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "user:1"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let created = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key": "\#(key)", "value": "Folan"}"#.buffer
                )
                #expect(created.status == .created)
                #expect(created.text == #"{"key":"\#(key)","value":"Folan"}"#)
                let read = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(read.status == .ok)
                #expect(read.text == #"{"key":"\#(key)","value":"Folan"}"#)
                #expect(read.headers[.contentType] == "application/json; charset=utf-8")
            }
            #expect(try redis.command(["GET", key]) == "Folan")
        }
    }

    @Test("GET /items/{key} of a missing key answers 404 naming the key")
    func missing() async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "user:9"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(response.status == .notFound)
                #expect(response.text == #"{"error":"item '\#(key)' not found"}"#)
            }
        }
    }

    @Test("percent-escaped keys are decoded: a%20b%2Fc reads 'a b/c', user%3A1 reads 'user:1'")
    func escapedKeys() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try redis.command(["SET", prefix + "a b/c", "spaced"]).expectOK()
            try redis.command(["SET", prefix + "user:1", "Folan"]).expectOK()
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let escapedPrefix = prefix.replacingOccurrences(of: ":", with: "%3A")
                let spaced = try await client.execute(uri: "/items/\(prefix)a%20b%2Fc", method: .get)
                #expect(spaced.status == .ok)
                #expect(spaced.text == #"{"key":"\#(prefix)a b/c","value":"spaced"}"#)
                let colon = try await client.execute(uri: "/items/\(escapedPrefix)user%3A1", method: .get)
                #expect(colon.status == .ok)
                #expect(colon.text == #"{"key":"\#(prefix)user:1","value":"Folan"}"#)
                let unescaped = try await client.execute(uri: "/items/\(prefix)a/b", method: .get)
                #expect(unescaped.status == .notFound)
                #expect(unescaped.text == #"{"error":"no route for GET /items/\#(prefix)a/b"}"#)
                let invalid = try await client.execute(uri: "/items/%zz", method: .get)
                #expect(invalid.status == .badRequest)
                #expect(
                    invalid.text == #"{"error":"the key in the path is not valid percent-encoded UTF-8: '%zz'"}"#
                )
                // A lone continuation byte is refused too (Foundation's decoder read it as U+FFFD).
                let loneByte = try await client.execute(uri: "/items/%A9", method: .get)
                #expect(loneByte.status == .badRequest)
            }
        }
    }

    @Test("values keep quotes, backslashes, newlines and non-ASCII text through JSON")
    func jsonEscaping() async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "quote\"d"
            let body =
                #"{"key":"\#(key.replacingOccurrences(of: "\"", with: "\\\""))","value":"a \"b\" \\ c\nd é 🚀 \u0001"}"#
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let created = try await client.execute(uri: "/items", method: .post, headers: .json, body: body.buffer)
                #expect(created.status == .created)
                #expect(created.text == body)
                let decoded =
                    try JSONSerialization.jsonObject(with: Data(created.text.utf8)) as? [String: String]
                #expect(decoded?["value"] == "a \"b\" \\ c\nd é 🚀 \u{01}")
                #expect(decoded?["key"] == key)
            }
            #expect(try redis.command(["GET", key]) == "a \"b\" \\ c\nd é 🚀 \u{01}")
        }
    }

    @Test(
        "POST /items refuses a malformed body with 400 and a message naming the problem",
        arguments: [
            (#"{"key": "k", "value": "#, #"request body is not valid JSON"#),
            ("", #"request body is not valid JSON"#),
            (
                #"["k", "v"]"#,
                #"request body must be a JSON object with string fields \"key\" and \"value\""#
            ),
            (#"{"value": "v"}"#, #"missing field \"key\""#),
            (#"{"key": "k"}"#, #"missing field \"value\""#),
            (#"{"key": 1, "value": "v"}"#, #"field \"key\" must be a JSON string"#),
            (#"{"key": "k", "value": 42}"#, #"field \"value\" must be a JSON string"#),
            (#"{"key": "k", "value": null}"#, #"field \"value\" must be a JSON string"#),
            (#"{"key": "k", "value": {"a": 1}}"#, #"field \"value\" must be a JSON string"#),
            (#"{"key": "", "value": "v"}"#, #"field \"key\" must not be empty"#),
        ]
    )
    func badBodies(body: String, message: String) async throws {
        try await RedisServer.with { redis in
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/items", method: .post, headers: .json, body: body.buffer)
                #expect(response.status == .badRequest)
                #expect(response.text == #"{"error":"\#(message)"}"#)
            }
        }
    }

    @Test(
        "keys up to 512 bytes and values up to 64 KiB are stored; one byte more is refused with 400"
    )
    func sizeLimits() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            let longestKey = prefix + String(repeating: "k", count: 512 - prefix.utf8.count)
            let largestValue = String(repeating: "v", count: 65_536)
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let fits = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(longestKey)","value":"\#(largestValue)"}"#.buffer
                )
                #expect(fits.status == .created)
                let keyTooLong = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(longestKey)k","value":"v"}"#.buffer
                )
                #expect(keyTooLong.status == .badRequest)
                #expect(keyTooLong.text == #"{"error":"key is 513 bytes; the limit is 512 bytes"}"#)
                let valueTooLong = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(prefix)v","value":"\#(largestValue)v"}"#.buffer
                )
                #expect(valueTooLong.status == .badRequest)
                #expect(
                    valueTooLong.text
                        == #"{"error":"field \"value\" is 65537 bytes; the limit is 65536 bytes (64 KiB)"}"#
                )
            }
            #expect(try redis.command(["STRLEN", longestKey]) == ":65536")
            #expect(try redis.command(["EXISTS", prefix + "v"]) == ":0")
        }
    }

    @Test(
        "POST /items refuses a body not sent as application/json with 415 and names the expected type",
        arguments: [
            (nil, "missing Content-Type header: send the body as Content-Type: application/json"),
            ("text/plain", "Content-Type must be application/json, got 'text/plain'"),
            (
                "application/x-www-form-urlencoded",
                "Content-Type must be application/json, got 'application/x-www-form-urlencoded'"
            ),
            ("application/jsonx", "Content-Type must be application/json, got 'application/jsonx'"),
        ] as [(String?, String)]
    )
    func wrongContentType(contentType: String?, message: String) async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "ct"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                var headers: HTTPFields = [:]
                if let contentType { headers[.contentType] = contentType }
                let response = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: headers,
                    body: #"{"key":"\#(key)","value":"v"}"#.buffer
                )
                #expect(response.status == .unsupportedMediaType)
                #expect(response.text == #"{"error":"\#(message)"}"#)
            }
            #expect(try redis.command(["EXISTS", key]) == ":0")
        }
    }

    @Test(
        "POST /items accepts application/json in any case and with parameters",
        arguments: ["application/json; charset=utf-8", "Application/JSON", "application/json ;charset=UTF-8"]
    )
    func jsonContentTypes(contentType: String) async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "ct"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: [.contentType: contentType],
                    body: #"{"key":"\#(key)","value":"v"}"#.buffer
                )
                #expect(response.status == .created)
            }
        }
    }

    @Test("a body over 1 MiB is refused with 413")
    func bodyTooLarge() async throws {
        try await RedisServer.with { redis in
            let body = #"{"key":"k","value":"\#(String(repeating: "v", count: 1 << 20))"}"#
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/items", method: .post, headers: .json, body: body.buffer)
                #expect(response.status == .contentTooLarge)
                #expect(
                    response.text
                        == #"{"error":"request body is larger than the limit of 1048576 bytes (1 MiB)"}"#
                )
            }
        }
    }

    @Test("GET /items lists every string key sorted by key, with its count")
    func list() async throws {
        // GET /items lists the whole key space: this test needs a server of its own.
        try await RedisServer.with(reusingEnvironment: false) { redis in
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let empty = try await client.execute(uri: "/items", method: .get)
                #expect(empty.status == .ok)
                #expect(empty.text == #"{"items":[],"count":0}"#)
                for (key, value) in [("user:2", "Bahman"), ("user:10", "Sara"), ("user:1", "Folan")] {
                    let created = try await client.execute(
                        uri: "/items",
                        method: .post,
                        headers: .json,
                        body: #"{"key":"\#(key)","value":"\#(value)"}"#.buffer
                    )
                    #expect(created.status == .created)
                }
                _ = try redis.command(["RPUSH", "a-list", "not a string"])
                let all = try await client.execute(uri: "/items", method: .get)
                #expect(all.status == .ok)
                #expect(
                    all.text
                        == #"{"items":[{"key":"user:1","value":"Folan"},{"key":"user:10","value":"Sara"},"#
                        + #"{"key":"user:2","value":"Bahman"}],"count":3}"#
                )
                let two = try await client.execute(uri: "/items?limit=2", method: .get)
                #expect(
                    two.text
                        == #"{"items":[{"key":"user:1","value":"Folan"},{"key":"user:10","value":"Sara"}],"count":2}"#
                )
            }
        }
    }

    @Test("GET /items walks the whole key space with SCAN and returns the first keys up to the limit")
    func listManyKeys() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            // 2,500 keys: more than one SCAN page, more than the default limit.
            var arguments = ["MSET"]
            for index in 0..<2500 { arguments += [String(format: "key:%05d", index), "value \(index)"] }
            #expect(try redis.command(arguments) == "+OK")
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let byDefault = try await client.execute(uri: "/items", method: .get)
                let list = try #require(
                    try JSONSerialization.jsonObject(with: Data(byDefault.text.utf8)) as? [String: Any]
                )
                let items = try #require(list["items"] as? [[String: String]])
                #expect(list["count"] as? Int == 1000)
                #expect(items.count == 1000)
                #expect(items.first == ["key": "key:00000", "value": "value 0"])
                #expect(items.last == ["key": "key:00999", "value": "value 999"])
                let all = try await client.execute(uri: "/items?limit=10000", method: .get)
                let allList = try #require(
                    try JSONSerialization.jsonObject(with: Data(all.text.utf8)) as? [String: Any]
                )
                #expect(allList["count"] as? Int == 2500)
            }
        }
    }

    @Test(
        "GET /items refuses a limit that is not a whole number from 1 to 10000",
        arguments: ["0", "abc", "10001", "-5", "1.5"]
    )
    func badLimit(limit: String) async throws {
        try await RedisServer.with { redis in
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/items?limit=\(limit)", method: .get)
                #expect(response.status == .badRequest)
                #expect(
                    response.text
                        == #"{"error":"limit must be a whole number from 1 to 10000, got '\#(limit)'"}"#
                )
            }
        }
    }

    @Test("a hundred concurrent writers and readers of one key see only values that were written")
    func concurrentWritersAndReaders() async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "hot"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            let response = try await client.execute(
                                uri: "/items",
                                method: .post,
                                headers: .json,
                                body: #"{"key":"\#(key)","value":"writer \#(index)"}"#.buffer
                            )
                            return (Int(response.status.code), "")
                        }
                        group.addTask {
                            let response = try await client.execute(uri: "/items/\(key)", method: .get)
                            return (Int(response.status.code), response.text)
                        }
                    }
                    var results: [(Int, String)] = []
                    for try await result in group { results.append(result) }
                    return results
                }
                let written = Set((0..<100).map { #"{"key":"\#(key)","value":"writer \#($0)"}"# })
                let writes = results.filter { $0.1.isEmpty }
                let reads = results.filter { !$0.1.isEmpty }
                #expect(writes.count == 100 && writes.allSatisfy { $0.0 == 201 })
                #expect(reads.count == 100)
                #expect(reads.allSatisfy { ($0.0 == 200 && written.contains($0.1)) || $0.0 == 404 })
                let final = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(final.status == .ok)
                #expect(written.contains(final.text))
            }
        }
    }

    @Test("the lookup observer hears once per answered GET /items/{key}, found or not")
    func lookupObserver() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try redis.command(["SET", prefix + "here", "v"]).expectOK()
            let observer = CountingLookupObserver()
            let configuration = TestApps.configuration(redis: redis)
            let client = makeRedisClient(configuration: configuration, logger: TestApps.quietLogger)
            let router = makeRouter()
            ItemsController(redis: client, lookupObserver: observer).addRoutes(to: router)
            let app = makeApplication(
                router: router,
                configuration: configuration,
                service: "test",
                services: [client],
                logger: TestApps.quietLogger
            )
            try await app.withLoopbackServer { client in
                _ = try await client.execute(uri: "/items/\(prefix)here", method: .get)
                _ = try await client.execute(uri: "/items/\(prefix)here", method: .get)
                _ = try await client.execute(uri: "/items/\(prefix)gone", method: .get)
                _ = try await client.execute(uri: "/items/%zz", method: .get)
                _ = try await client.execute(uri: "/items", method: .get)
            }
            #expect(observer.counts == (found: 2, missing: 1))
        }
    }
}

extension String {
    /// Checks a Redis status reply is `+OK`.
    func expectOK(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self == "+OK", sourceLocation: sourceLocation)
    }
}
