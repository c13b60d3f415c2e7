/// A failure carrying only Prometheus's message; the parser adds the position.
struct MessageError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
