import Atomics
import NIOConcurrencyHelpers

#if canImport(Darwin)
    import Darwin
#else
    import Glibc
#endif

/// The exporter's bounded queue of ended spans, which the threads answering requests add to at once.
/// A span is encoded as it is added, by the thread that ended it, into protobuf bytes (an entry of
/// `ScopeSpans.spans`); the exporter takes the bytes and sends them as they are.
///
/// Encoding when a span ends, rather than keeping the span until its batch goes: the span's memory
/// (its strings, attribute dictionary and list) is freed by the thread that made it, while it is still
/// in that thread's cache, and the exporter touches no span at all. Side by side with the exporter that
/// kept spans as values until the batch, both traced, it cost about 2.5 % less CPU a request (README,
/// "What tracing costs").
///
/// The spans are spread over a few shards, each with its own lock, chosen by the adding thread: with one
/// lock, the event loops waited for each other on every span (`bench/tracing-overhead`). The bound in
/// spans is kept exactly by one atomic count over all the shards; each shard also stops taking spans
/// once it holds `byteCapacity / shardCount` bytes, so that spans with very large attributes are
/// bounded too. The order of spans across threads is not kept (a receiver does not need it).
final class SpanQueue: Sendable {
    /// The most spans waiting at once.
    let capacity: Int
    /// The most bytes of encoded spans waiting at once.
    let byteCapacity: Int
    private let encoder: OTLPProtobufEncoder
    private let queued = ManagedAtomic<Int>(0)
    private let shards: [Shard]
    private let shardByteCapacity: Int
    // Encoded spans the exporter has sent, emptied with their memory kept, for the shards to fill again.
    private let spare = NIOLockedValueBox<[EncodedSpans]>([])

    /// Makes an empty queue of at most `capacity` spans and `byteCapacity` bytes, encoding with `encoder`.
    init(capacity: Int, byteCapacity: Int = 16 << 20, encoder: OTLPProtobufEncoder, shardCount: Int = 16) {
        self.capacity = max(capacity, 1)
        self.encoder = encoder
        let shardCount = max(shardCount, 1)
        self.shards = (0..<shardCount).map { _ in Shard() }
        self.shardByteCapacity = max(byteCapacity / shardCount, 1)
        self.byteCapacity = shardByteCapacity * shardCount
    }

    /// The spans waiting now.
    var count: Int { queued.load(ordering: .relaxed) }

    /// Encodes and adds `span`, or returns false when the queue is full.
    func append(_ span: FinishedSpan) -> Bool {
        guard queued.wrappingIncrementThenLoad(ordering: .relaxed) <= capacity else {
            queued.wrappingDecrement(ordering: .relaxed)
            return false
        }
        let shard = shards[shardOfThisThread()]
        let added = shard.lock.withLock {
            guard shard.spans.byteCount < shardByteCapacity else { return false }
            shard.spans.append(span, encoder: encoder)
            return true
        }
        if !added { queued.wrappingDecrement(ordering: .relaxed) }
        return added
    }

    /// Takes every span waiting now, as the shards' encoded spans. Hand them back with ``recycle(_:)``
    /// once sent.
    func takeAll() -> [EncodedSpans] {
        var taken: [EncodedSpans] = []
        for shard in shards {
            // The spare lock is taken inside a shard's, never the other way round.
            let full = shard.lock.withLock { () -> EncodedSpans? in
                guard shard.spans.count > 0 else { return nil }
                defer { shard.spans = spare.withLockedValue { $0.popLast() } ?? EncodedSpans() }
                return shard.spans
            }
            if let full { taken.append(full) }
        }
        queued.wrappingDecrement(by: taken.reduce(0) { $0 + $1.count }, ordering: .relaxed)
        return taken
    }

    /// Empties `taken` (keeping its memory) for the shards to use again.
    func recycle(_ taken: [EncodedSpans]) {
        for spans in taken { spans.removeAll() }
        spare.withLockedValue { $0.append(contentsOf: taken) }
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

    // `spans` is read and written only while `lock` is held (hence `@unchecked Sendable`, and no
    // run-time exclusivity checks).
    private final class Shard: @unchecked Sendable {
        let lock = NIOLock()
        @exclusivity(unchecked) var spans = EncodedSpans()
    }
}

/// Spans encoded one after the other as entries of `ScopeSpans.spans` (field 2: a key, a length, a
/// `Span`), and how many. Used by one thread at a time: a shard's, under its lock, then the exporter's
/// (hence `@unchecked Sendable`, and no run-time exclusivity checks).
final class EncodedSpans: @unchecked Sendable {
    @exclusivity(unchecked) private var writer = ProtobufWriter()
    /// How many spans.
    @exclusivity(unchecked) private(set) var count = 0

    /// How many bytes.
    var byteCount: Int { writer.count }

    /// Encodes `span` after the others.
    func append(_ span: FinishedSpan, encoder: OTLPProtobufEncoder) {
        encoder.writeEntry(span, to: &writer)
        count += 1
    }

    /// Forgets the spans and keeps the memory.
    func removeAll() {
        writer.removeAll()
        count = 0
    }

    /// The bytes of the entries in `range`, valid until the next change.
    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: writer.bytes[range])
    }

    /// Where the entry starting at `offset` ends: each is a key byte, then its length as a varint.
    func entryEnd(from offset: Int) -> Int {
        let bytes = writer.bytes
        var index = offset + 1
        var length = 0
        var shift = 0
        while true {
            let byte = bytes[index]
            index += 1
            length |= Int(byte & 0x7f) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return index + length
    }
}
