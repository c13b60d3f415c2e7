import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ends `workshop watch` cleanly on Ctrl-C: a line saying so, exit status 0. The servers and graders
/// it started end with it (they watch a pipe this process holds).
final class StopOnInterrupt: @unchecked Sendable {
    private var source: (any DispatchSourceSignal)?

    func install() {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            print("\nStopped watching.")
            exit(0)
        }
        source.resume()
        self.source = source
    }
}
