import Atomics
import NIOConcurrencyHelpers

#if canImport(Darwin)
    import Darwin
#else
    import Glibc
#endif

/// The exporter's bounded queue of ended spans, which the threads answering requests add to at once.
///
/// The spans are spread over a few shards, each with its own lock, chosen by the adding thread: with one
/// lock, the event loops waited for each other on every span (`bench/tracing-overhead`). The bound is
/// kept exactly by one atomic count over all the shards. The order of spans across threads is not kept
/// (a receiver does not need it).
final class SpanQueue: Sendable {
    /// The most spans waiting at once.
    let capacity: Int
    private let queued = ManagedAtomic<Int>(0)
    private let shards: [NIOLockedValueBox<[FinishedSpan]>]

    /// Makes an empty queue of at most `capacity` spans.
    init(capacity: Int, shardCount: Int = 8) {
        self.capacity = max(capacity, 1)
        self.shards = (0..<max(shardCount, 1)).map { _ in NIOLockedValueBox([]) }
    }

    /// The spans waiting now.
    var count: Int { queued.load(ordering: .relaxed) }

    /// Adds `span`, or returns false when the queue is full.
    func append(_ span: FinishedSpan) -> Bool {
        guard queued.wrappingIncrementThenLoad(ordering: .relaxed) <= capacity else {
            queued.wrappingDecrement(ordering: .relaxed)
            return false
        }
        shards[shardOfThisThread()].withLockedValue { $0.append(span) }
        return true
    }

    /// Takes at most `limit` spans out of the queue (fewer when fewer are waiting).
    func take(upTo limit: Int) -> [FinishedSpan] {
        var taken: [FinishedSpan] = []
        for shard in shards where taken.count < limit {
            shard.withLockedValue { spans in
                let count = min(limit - taken.count, spans.count)
                taken.append(contentsOf: spans.prefix(count))
                spans.removeFirst(count)
            }
        }
        queued.wrappingDecrement(by: taken.count, ordering: .relaxed)
        return taken
    }

    /// The shard of the calling thread. Thread ids are aligned addresses, so they are mixed before the
    /// remainder is taken.
    private func shardOfThisThread() -> Int {
        #if canImport(Darwin)
            let thread = UInt64(UInt(bitPattern: pthread_self()))
        #else
            let thread = UInt64(pthread_self())
        #endif
        return Int(SplitMix64.mix(thread) % UInt64(shards.count))
    }
}
