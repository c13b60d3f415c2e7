extension RedisClient {
    /// Sends `PING`; returns normally when the server answers `PONG`.
    public func ping() async throws(RedisError) {
        let reply = try await send(["PING"])
        guard reply == .status("PONG") else {
            throw .protocol(address: address, message: "PING answered \(reply) instead of PONG")
        }
    }

    /// Returns the string stored at `key` (`GET`), or nil when the key does not exist.
    ///
    /// - Throws: `RedisError.serverError` when the key holds another type than a string.
    public func get(_ key: String) async throws(RedisError) -> String? {
        switch try await send(["GET", key]) {
        case .string(let value): return value
        case .null: return nil
        case let reply: throw .protocol(address: address, message: "GET answered \(reply)")
        }
    }

    /// Stores `value` at `key` (`SET`), replacing what was there.
    public func set(_ key: String, _ value: String) async throws(RedisError) {
        let reply = try await send(["SET", key, value])
        guard reply == .status("OK") else {
            throw .protocol(address: address, message: "SET answered \(reply) instead of OK")
        }
    }

    /// Removes `key` (`DEL`); returns true when it existed.
    @discardableResult
    public func delete(_ key: String) async throws(RedisError) -> Bool {
        switch try await send(["DEL", key]) {
        case .integer(let removed): return removed > 0
        case let reply: throw .protocol(address: address, message: "DEL answered \(reply)")
        }
    }

    /// Returns one page of a cursor-based iteration over the keys
    /// (`SCAN cursor [MATCH pattern] [COUNT n] [TYPE type]`).
    ///
    /// Start with cursor 0 and call again with the returned cursor until it is 0. Keys may be returned
    /// more than once; keys added or removed during the iteration may or may not be returned.
    ///
    /// - Parameters:
    ///   - pattern: a glob-style pattern keys must match, such as `user:*`.
    ///   - count: how much work Redis does per call (a hint, not a page size).
    ///   - type: only keys of this Redis type, such as `string` (Redis 6 or later).
    public func scan(
        cursor: UInt64 = 0,
        match pattern: String? = nil,
        count: Int? = nil,
        type: String? = nil
    ) async throws(RedisError) -> RedisScanPage {
        var arguments = ["SCAN", String(cursor)]
        if let pattern { arguments += ["MATCH", pattern] }
        if let count { arguments += ["COUNT", String(count)] }
        if let type { arguments += ["TYPE", type] }
        let reply = try await send(arguments)
        guard case .array(let parts) = reply, parts.count == 2,
            case .string(let cursorText) = parts[0], let next = UInt64(cursorText),
            case .array(let keyValues) = parts[1]
        else {
            throw .protocol(address: address, message: "SCAN answered \(reply)")
        }
        var keys: [String] = []
        keys.reserveCapacity(keyValues.count)
        for value in keyValues {
            guard case .string(let key) = value else {
                throw .protocol(address: address, message: "SCAN returned a key that is not a string: \(value)")
            }
            keys.append(key)
        }
        return RedisScanPage(cursor: next, keys: keys)
    }

    /// Returns the strings stored at `keys` (`MGET`), in the same order; nil for a missing key or a
    /// key holding another type. An empty list sends nothing.
    public func mget(_ keys: [String]) async throws(RedisError) -> [String?] {
        if keys.isEmpty { return [] }
        let reply = try await send(["MGET"] + keys)
        guard case .array(let values) = reply, values.count == keys.count else {
            throw .protocol(address: address, message: "MGET of \(keys.count) keys answered \(reply)")
        }
        return values.map { value in
            if case .string(let text) = value { return text }
            return nil
        }
    }

    /// Returns the server's `INFO` text, of one `section` (such as `server`) or the default ones.
    public func info(_ section: String? = nil) async throws(RedisError) -> String {
        switch try await send(section.map { ["INFO", $0] } ?? ["INFO"]) {
        case .string(let text): return text
        case let reply: throw .protocol(address: address, message: "INFO answered \(reply)")
        }
    }
}
