import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Pipe {
    /// A pipe neither of whose ends is inherited by other programs this process starts.
    ///
    /// Foundation's `Process` passes a child every descriptor that lacks close-on-exec. A lifeline pipe
    /// inherited by an unrelated child would never close when its owner ends, and an output pipe
    /// inherited that way would never reach end of file. The ends a child is given as its standard
    /// input or output are duplicated onto 0, 1 and 2, which clears the flag there.
    static func closedOnExec() -> Pipe {
        let pipe = Pipe()
        _ = fcntl(pipe.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        return pipe
    }
}
