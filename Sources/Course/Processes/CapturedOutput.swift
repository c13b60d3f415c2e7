import Foundation

/// What a child wrote on its two output pipes, filled in by the threads that read them.
final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    /// Keeps what the child wrote on standard output.
    func setOutput(_ data: Data) {
        lock.lock()
        output = data
        lock.unlock()
    }

    /// Keeps what the child wrote on standard error.
    func setErrors(_ data: Data) {
        lock.lock()
        errors = data
        lock.unlock()
    }

    /// Both, standard output first.
    var both: (Data, Data) {
        lock.lock()
        defer { lock.unlock() }
        return (output, errors)
    }
}
