import Foundation
import RedisClient
import TestSupport
import Testing

@Suite("RedisClient against a real redis-server")
struct RedisClientTests {
    @Test("stores, reads and deletes a string")
    func roundTrip() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            let key = RedisServer.makeKeyPrefix() + "user:1"
            try await client.ping()
            #expect(try await client.get(key) == nil)
            try await client.set(key, "Folan")
            #expect(try await client.get(key) == "Folan")
            #expect(try redis.command(["GET", key]) == "Folan")
            #expect(try await client.delete(key) == true)
            #expect(try await client.delete(key) == false)
            #expect(try await client.get(key) == nil)
            await client.shutdown()
        }
    }

    @Test("keeps keys and values byte for byte: spaces, slashes, UTF-8, 64 KiB")
    func unusualKeysAndValues() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            let prefix = RedisServer.makeKeyPrefix()
            let pairs = [
                (prefix + "a b/c", "x y\r\nz"),
                (prefix + "clé:ü", "valeur é 🚀"),
                (prefix + "big", String(repeating: "v", count: 65_536)),
                (prefix + "empty", ""),
            ]
            for (key, value) in pairs { try await client.set(key, value) }
            for (key, value) in pairs { #expect(try await client.get(key) == value) }
            await client.shutdown()
        }
    }

    @Test("scans every key matching a pattern (and a type) across pages, and MGETs them in order")
    func scanAndMget() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            let prefix = RedisServer.makeKeyPrefix()
            let keys = (0..<250).map { "\(prefix)k\($0)" }
            for key in keys { try await client.set(key, "value of \(key)") }
            try await client.set(RedisServer.makeKeyPrefix() + "other", "not mine")
            var found = Set<String>()
            var cursor: UInt64 = 0
            var pages = 0
            repeat {
                let page = try await client.scan(cursor: cursor, match: prefix + "*", count: 50)
                found.formUnion(page.keys)
                cursor = page.cursor
                pages += 1
            } while cursor != 0
            #expect(found == Set(keys))
            #expect(pages > 1)
            _ = try await client.send(["RPUSH", prefix + "list", "x"])
            var strings = Set<String>()
            cursor = 0
            repeat {
                let page = try await client.scan(cursor: cursor, match: prefix + "*", count: 100, type: "string")
                strings.formUnion(page.keys)
                cursor = page.cursor
            } while cursor != 0
            #expect(strings == Set(keys))
            let values = try await client.mget([keys[3], prefix + "missing", keys[7]])
            #expect(values == ["value of \(keys[3])", nil, "value of \(keys[7])"])
            #expect(try await client.mget([]) == [])
            await client.shutdown()
        }
    }

    @Test("answers a thousand concurrent commands each with its own reply")
    func pipelinedRepliesMatchTheirCommands() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port, poolSize: 2)
            let prefix = RedisServer.makeKeyPrefix()
            for index in 0..<1000 { try await client.set("\(prefix)\(index)", "v\(index)") }
            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<1000 {
                    group.addTask { try await client.get("\(prefix)\(index)") == "v\(index)" ? 0 : 1 }
                }
                return try await group.reduce(0, +)
            }
            #expect(mismatches == 0)
            await client.shutdown()
        }
    }

    @Test("a hundred concurrent writers and readers on one key see only written values")
    func concurrentWritersAndReaders() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            let key = RedisServer.makeKeyPrefix() + "shared"
            let written = Set((0..<100).map { "writer-\($0)" })
            let reads = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        try await client.set(key, "writer-\(index)")
                        return nil
                    }
                    group.addTask { try await client.get(key) ?? "" }
                }
                var reads: [String] = []
                for try await read in group { if let read { reads.append(read) } }
                return reads
            }
            #expect(reads.count == 100)
            #expect(reads.allSatisfy { $0.isEmpty || written.contains($0) })
            let final = try #require(try await client.get(key))
            #expect(written.contains(final))
            await client.shutdown()
        }
    }

    @Test("an error reply is a server error and leaves the connection usable")
    func serverError() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port, poolSize: 1)
            let key = RedisServer.makeKeyPrefix() + "list"
            // Sent in lower case, reported in capitals.
            _ = try await client.send(["rpush", key, "a"])
            let error = await #expect(throws: RedisError.self) { try await client.get(key) }
            #expect(error?.kind == "server")
            #expect(error?.description.contains("WRONGTYPE") == true)
            try await client.ping()
            await client.shutdown()
        }
    }

    @Test("a server that is not running gives a connection error naming its address")
    func connectionRefused() async throws {
        let port = try FreePort.next()
        let client = RedisClient(host: "127.0.0.1", port: port)
        let error = await #expect(throws: RedisError.self) { try await client.ping() }
        #expect(error?.kind == "connection")
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
        await client.shutdown()
    }

    @Test("a server that does not answer gives a timeout naming its address")
    func timeout() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let client = RedisClient(host: redis.host, port: redis.port, timeout: .milliseconds(200))
            try await client.ping()
            try redis.suspend()
            let error = await #expect(throws: RedisError.self) { try await client.get("k") }
            #expect(error == .timeout(address: redis.address))
            #expect(error?.description == "Redis at \(redis.address) did not answer in time")
            try redis.resume()
            try await client.ping()
            await client.shutdown()
        }
    }

    @Test("recovers by itself when Redis is stopped mid-run and restarted")
    func recoversAfterRestart() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            let key = RedisServer.makeKeyPrefix() + "k"
            try await client.set(key, "before")
            try redis.stop()
            for _ in 0..<3 {
                let error = await #expect(throws: RedisError.self) { try await client.get(key) }
                #expect(error?.kind == "connection")
                #expect(error?.description.contains(redis.address) == true)
            }
            try await redis.restart()
            // The data did not survive (no persistence), but the client reconnects on its own.
            #expect(try await client.get(key) == nil)
            try await client.set(key, "after")
            #expect(try await client.get(key) == "after")
            await client.shutdown()
        }
    }

    @Test("tells its observer about every command, with its name in capitals and its error kind")
    func observer() async throws {
        try await RedisServer.with { redis in
            let observer = RecordingObserver()
            let client = RedisClient(host: redis.host, port: redis.port, observer: observer)
            let key = RedisServer.makeKeyPrefix() + "k"
            try await client.set(key, "v")
            _ = try await client.get(key)
            _ = try await client.mget([key])
            _ = try await client.scan(cursor: 0, match: key, count: 10)
            try await client.ping()
            try await client.delete(key)
            // Sent in lower case, reported in capitals.
            _ = try await client.send(["rpush", key, "a"])
            _ = try? await client.get(key)
            await client.shutdown()
            let names = observer.calls.map(\.command)
            #expect(names == ["SET", "GET", "MGET", "SCAN", "PING", "DEL", "RPUSH", "GET"])
            #expect(observer.calls.map(\.errorKind) == [nil, nil, nil, nil, nil, nil, nil, "server"])
            #expect(observer.calls.allSatisfy { $0.duration > .zero })
        }
    }

    @Test("fails commands sent after shutdown instead of hanging")
    func afterShutdown() async throws {
        try await RedisServer.with { redis in
            let client = RedisClient(host: redis.host, port: redis.port)
            try await client.ping()
            await client.shutdown()
            await client.shutdown()
            let error = await #expect(throws: RedisError.self) { try await client.ping() }
            #expect(error == .connectionFailed(address: redis.address, reason: "the client is shut down"))
        }
    }
}

/// An observer that records every call, for assertions.
final class RecordingObserver: RedisCommandObserver {
    struct Call: Sendable {
        var command: String
        var duration: Duration
        var errorKind: String?
    }

    private let lock = NSLock()
    private nonisolated(unsafe) var recorded: [Call] = []

    var calls: [Call] { lock.withLock { recorded } }

    func commandFinished(_ command: String, duration: Duration, error: RedisError?) {
        lock.withLock { recorded.append(Call(command: command, duration: duration, errorKind: error?.kind)) }
    }
}
