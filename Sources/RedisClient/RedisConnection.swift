import CHiredis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One blocking hiredis connection, used by one worker thread at a time.
///
/// Commands are pipelined: `run` appends a batch of commands to the output buffer, then reads the
/// replies in order. Any I/O or protocol failure leaves the connection unusable: the caller closes it
/// and connects again for the next batch.
final class RedisConnection {
    private let context: UnsafeMutablePointer<redisContext>
    private let address: String
    /// The socket timeout currently set on the connection, in nanoseconds.
    private var socketTimeout: UInt64

    private init(context: UnsafeMutablePointer<redisContext>, address: String, socketTimeout: UInt64) {
        self.context = context
        self.address = address
        self.socketTimeout = socketTimeout
    }

    /// Connects to `host:port`, waiting at most `timeout` nanoseconds, and sets the socket timeouts.
    static func connect(
        host: String,
        port: Int,
        address: String,
        timeout: UInt64
    ) -> Result<RedisConnection, RedisError> {
        guard let context = redisConnectWithTimeout(host, Int32(port), timeval(nanoseconds: timeout)) else {
            return .failure(.connectionFailed(address: address, reason: "cannot allocate a connection"))
        }
        if context.pointee.err != 0 {
            let error = errorFromContext(context, address: address, savedErrno: errno)
            redisFree(context)
            return .failure(error)
        }
        guard redisSetTimeout(context, timeval(nanoseconds: timeout)) == REDIS_OK else {
            let error = errorFromContext(context, address: address, savedErrno: errno)
            redisFree(context)
            return .failure(error)
        }
        return .success(RedisConnection(context: context, address: address, socketTimeout: timeout))
    }

    /// Sends every job's command, then reads the replies in order and completes each job.
    ///
    /// Replies must arrive before `deadline` (a monotonic time in nanoseconds); the socket timeout is
    /// tightened when less time than it remains. Returns nil when every job was answered (an error
    /// reply of the server is an answer). Otherwise the connection failed and must be closed: returns
    /// the error and the index of the first job left unanswered; the jobs from there on are not
    /// completed, so the caller can retry them on a new connection or fail them.
    func run(
        _ jobs: ArraySlice<RedisJob>,
        deadline: UInt64,
        tolerance: UInt64
    ) -> (error: RedisError, firstUnanswered: Int)? {
        for job in jobs where !append(job.arguments) {
            return (Self.errorFromContext(context, address: address, savedErrno: errno), jobs.startIndex)
        }
        var index = jobs.startIndex
        while index < jobs.endIndex {
            let now = monotonicNanoseconds()
            guard now < deadline else {
                return (.timeout(address: address), index)
            }
            let remaining = deadline - now
            if socketTimeout > remaining + tolerance || socketTimeout + tolerance < remaining {
                guard redisSetTimeout(context, timeval(nanoseconds: remaining)) == REDIS_OK else {
                    return (Self.errorFromContext(context, address: address, savedErrno: errno), index)
                }
                socketTimeout = remaining
            }
            var reply: UnsafeMutableRawPointer?
            guard redisGetReply(context, &reply) == REDIS_OK, let reply else {
                return (Self.errorFromContext(context, address: address, savedErrno: errno), index)
            }
            let value = Self.value(of: reply.assumingMemoryBound(to: redisReply.self))
            freeReplyObject(reply)
            switch value {
            case .error(let message): jobs[index].complete(.failure(.serverError(message)))
            default: jobs[index].complete(.success(value))
            }
            index += 1
        }
        return nil
    }

    /// Frees the hiredis context and closes its socket.
    func close() {
        redisFree(context)
    }

    // MARK: Private

    /// Appends one command to the output buffer (hiredis copies the arguments).
    private func append(_ arguments: [String]) -> Bool {
        var lengths = [Int](repeating: 0, count: arguments.count)
        var total = 0
        for (index, argument) in arguments.enumerated() {
            lengths[index] = argument.utf8.count
            total += lengths[index]
        }
        let storage = UnsafeMutablePointer<CChar>.allocate(capacity: max(total, 1))
        defer { storage.deallocate() }
        var pointers = [UnsafePointer<CChar>?](repeating: nil, count: arguments.count)
        var offset = 0
        for (index, argument) in arguments.enumerated() {
            let target = UnsafeMutableRawBufferPointer(start: storage + offset, count: lengths[index])
            _ = target.initializeMemory(as: UInt8.self, from: argument.utf8)
            pointers[index] = UnsafePointer(storage + offset)
            offset += lengths[index]
        }
        return pointers.withUnsafeMutableBufferPointer { argv in
            lengths.withUnsafeBufferPointer { argvlen in
                redisAppendCommandArgv(context, Int32(arguments.count), argv.baseAddress, argvlen.baseAddress)
                    == REDIS_OK
            }
        }
    }

    /// Converts a hiredis reply (RESP2 types only) into a `RedisValue`.
    private static func value(of reply: UnsafeMutablePointer<redisReply>) -> RedisValue {
        let pointee = reply.pointee
        switch pointee.type {
        case REDIS_REPLY_STRING:
            return .string(text(pointee.str, pointee.len))
        case REDIS_REPLY_STATUS:
            return .status(text(pointee.str, pointee.len))
        case REDIS_REPLY_ERROR:
            return .error(text(pointee.str, pointee.len))
        case REDIS_REPLY_INTEGER:
            return .integer(Int(pointee.integer))
        case REDIS_REPLY_NIL:
            return .null
        case REDIS_REPLY_ARRAY:
            var elements: [RedisValue] = []
            elements.reserveCapacity(pointee.elements)
            for index in 0..<pointee.elements {
                if let element = pointee.element[index] {
                    elements.append(value(of: element))
                } else {
                    elements.append(.null)
                }
            }
            return .array(elements)
        default:
            return .error("reply of unknown type \(pointee.type)")
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?, _ length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Classifies the error hiredis recorded on `context`.
    private static func errorFromContext(
        _ context: UnsafeMutablePointer<redisContext>,
        address: String,
        savedErrno: Int32
    ) -> RedisError {
        let code = context.pointee.err
        let message = withUnsafeBytes(of: context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        // hiredis 0.14 reports a socket timeout as an I/O error with errno EAGAIN ("Resource temporarily
        // unavailable"); hiredis 1.x has REDIS_ERR_TIMEOUT (6); a connect timeout is ETIMEDOUT.
        let timedOut =
            code == 6 || savedErrno == EAGAIN || savedErrno == EWOULDBLOCK || savedErrno == ETIMEDOUT
            || message.contains("temporarily unavailable") || message.contains("timed out")
            || message == "Timeout"
        if code == REDIS_ERR_IO && timedOut || code == 6 {
            return .timeout(address: address)
        }
        switch code {
        case REDIS_ERR_PROTOCOL:
            return .protocol(address: address, message: message)
        case REDIS_ERR_EOF:
            return .connectionFailed(address: address, reason: "the server closed the connection")
        default:
            if timedOut { return .timeout(address: address) }
            return .connectionFailed(address: address, reason: message.isEmpty ? "error \(code)" : message)
        }
    }
}

extension timeval {
    /// A `timeval` of `nanoseconds` (at least one microsecond: zero would mean "no timeout").
    init(nanoseconds: UInt64) {
        let microseconds = max(nanoseconds / 1000, 1)
        self.init(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
    }
}

/// The monotonic clock, in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
