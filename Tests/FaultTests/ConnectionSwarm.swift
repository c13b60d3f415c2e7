import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Many connections opened at once to 127.0.0.1, each sending one request, driven together with
/// `poll` on non-blocking sockets, with what happened to each.
enum ConnectionSwarm {
    /// What happened to one connection.
    enum Outcome: Sendable, Equatable {
        /// A whole response came, with this status.
        case answered(Int)
        /// The connection was refused or closed before any byte of a response came.
        case refused
        /// Part of a response came, then the connection closed.
        case cutOff(received: Int)
        /// Nothing complete came before the deadline.
        case hung(received: Int)
    }

    /// Opens `count` connections to `port` at once, sends `request` on each, and waits for the answers.
    ///
    /// - Parameter deadline: when connections still waiting count as hung.
    static func run(count: Int, port: Int, request: String, deadline seconds: Double) throws -> [Outcome] {
        struct Slot {
            var fd: Int32
            var sent = false
            var received: [UInt8] = []
            var outcome: Outcome?
        }
        var slots: [Slot] = []
        defer { for slot in slots where slot.fd >= 0 { close(slot.fd) } }
        for _ in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else { throw RawHTTPError.socket("socket (raise the file descriptor limit)", errno: errno) }
            var address = sockaddr_in.loopback(port: port)
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            var slot = Slot(fd: fd)
            if result != 0 && errno != EINPROGRESS { slot.outcome = .refused }
            slots.append(slot)
        }
        let bytes = Array(request.utf8)
        let end = Date().addingTimeInterval(seconds)
        while slots.contains(where: { $0.outcome == nil }) && Date() < end {
            var pending: [Int] = []
            var fds: [pollfd] = []
            for (index, slot) in slots.enumerated() where slot.outcome == nil {
                pending.append(index)
                fds.append(pollfd(fd: slot.fd, events: Int16(slot.sent ? POLLIN : POLLOUT), revents: 0))
            }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready < 0 && errno != EINTR { throw RawHTTPError.socket("poll", errno: errno) }
            guard ready > 0 else { continue }
            for (position, index) in pending.enumerated() where fds[position].revents != 0 {
                let fd = slots[index].fd
                if !slots[index].sent {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    guard error == 0 else {
                        slots[index].outcome = .refused
                        continue
                    }
                    let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    if n == bytes.count {
                        slots[index].sent = true
                    } else {
                        slots[index].outcome = .refused
                    }
                    continue
                }
                var chunk = [UInt8](repeating: 0, count: 16384)
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 {
                    slots[index].received.append(contentsOf: chunk[0..<n])
                    if let (response, _) = try? RawHTTPResponse.parse(slots[index].received[...], complete: false) {
                        slots[index].outcome = .answered(response.status)
                    }
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    let received = slots[index].received
                    if let (response, _) = try? RawHTTPResponse.parse(received[...], complete: true) {
                        slots[index].outcome = .answered(response.status)
                    } else {
                        slots[index].outcome = received.isEmpty ? .refused : .cutOff(received: received.count)
                    }
                }
            }
        }
        return slots.map { $0.outcome ?? .hung(received: $0.received.count) }
    }
}
