#if canImport(Glibc)
    import Glibc
#endif

/// This process's limit on open files, which child processes inherit.
enum FileDescriptorLimit {
    /// Raises the soft limit to at least `minimum` (within the hard limit) and returns the soft limit.
    @discardableResult
    static func raise(to minimum: Int) -> Int {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return 0 }
        if limit.rlim_cur < rlim_t(minimum) {
            limit.rlim_cur = min(rlim_t(minimum), limit.rlim_max)
            _ = setrlimit(resource, &limit)
            _ = getrlimit(resource, &limit)
        }
        return Int(limit.rlim_cur)
    }
}
