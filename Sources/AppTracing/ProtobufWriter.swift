/// Writes protocol buffers' binary wire format into memory of its own: varints, little-endian fixed64
/// values, and length-delimited fields (strings, bytes, nested messages).
///
/// Only what ``OTLPProtobufEncoder`` needs: field numbers below 16, whose key is one byte. A nested
/// message is written in place, after one byte kept for its length; when the length needs more than
/// one byte (128 bytes or more), the message is moved up by the extra bytes.
///
/// The bytes are stored through a raw pointer, and room is made once per value. Encoding 2,000 times a
/// batch of 1,024 spans in one thread took about 1.0 µs of CPU a span when appending to a `[UInt8]`
/// byte by byte (a uniqueness and capacity check for every byte), about 3.2 µs with NIO's `ByteBuffer`
/// (a dynamic exclusivity check for every value written), and about 0.6 µs with this writer.
struct ProtobufWriter: ~Copyable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    /// How many bytes have been written.
    private(set) var count = 0

    /// The wire types of the fields written here.
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
    }

    init() {}

    deinit {
        base?.deallocate()
    }

    /// The bytes written, valid until the next change.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base, count: count)
    }

    /// Forgets the bytes written and keeps the memory, for the next batch.
    mutating func removeAll() {
        count = 0
    }

    /// A field's key: its number (below 16) and wire type.
    mutating func key(_ field: UInt8, _ type: WireType) {
        assert(field < 16, "a field number of 16 or more takes a key of two bytes")
        byte(field << 3 | type.rawValue)
    }

    /// A varint field (unsigned integers, enums, bools; an `int64` as its two's complement).
    mutating func varint(_ field: UInt8, _ value: UInt64) {
        key(field, .varint)
        writeVarint(value)
    }

    /// A `fixed64` (timestamps) or `double` field: eight bytes, least significant first.
    mutating func fixed64(_ field: UInt8, _ value: UInt64) {
        key(field, .fixed64)
        word(value.littleEndian)
    }

    /// A `string` field, as its UTF-8 bytes.
    mutating func string(_ field: UInt8, _ text: String) {
        key(field, .lengthDelimited)
        let length = text.utf8.count
        writeVarint(UInt64(length))
        reserve(length)
        let target = base! + count
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            target.copyMemory(from: utf8.baseAddress!, byteCount: length)
        }
        if copied == nil {
            for (offset, unit) in text.utf8.enumerated() {
                target.storeBytes(of: unit, toByteOffset: offset, as: UInt8.self)
            }
        }
        count += length
    }

    /// A `bytes` field of 8 bytes, `id` big-endian (a span id).
    mutating func id(_ field: UInt8, _ id: UInt64) {
        key(field, .lengthDelimited)
        byte(8)
        word(id.bigEndian)
    }

    /// A `bytes` field of 16 bytes, `high` then `low` big-endian (a trace id).
    mutating func id(_ field: UInt8, high: UInt64, low: UInt64) {
        key(field, .lengthDelimited)
        byte(16)
        word(high.bigEndian)
        word(low.bigEndian)
    }

    /// A nested message, written by `body`, its length taking `lengthBytes` bytes unless it needs
    /// more or fewer (the message then moves): 1 for messages under 128 bytes, 2 for those under 16 KiB,
    /// such as a span.
    mutating func message(_ field: UInt8, lengthBytes: Int = 1, _ body: (inout ProtobufWriter) -> Void) {
        key(field, .lengthDelimited)
        reserve(lengthBytes)
        let lengthIndex = count
        count += lengthBytes
        body(&self)
        let length = count - lengthIndex - lengthBytes
        let needed = Self.varintSize(UInt64(length))
        reserve(max(needed - lengthBytes, 0))
        let base = base!
        if needed != lengthBytes {
            // The message moves up or down to leave the length exactly the room it takes (memmove).
            (base + lengthIndex + needed).copyMemory(from: base + lengthIndex + lengthBytes, byteCount: length)
            count += needed - lengthBytes
        }
        var value = length
        var index = lengthIndex
        while value >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: index, as: UInt8.self)
            value >>= 7
            index += 1
        }
        base.storeBytes(of: UInt8(value), toByteOffset: index, as: UInt8.self)
    }

    /// How many bytes `value` takes as a varint.
    static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// Seven bits a byte, least significant group first, the high bit set on all but the last byte.
    mutating func writeVarint(_ value: UInt64) {
        reserve(10)
        let base = base!
        var rest = value
        while rest >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: rest) | 0x80, toByteOffset: count, as: UInt8.self)
            count += 1
            rest >>= 7
        }
        base.storeBytes(of: UInt8(rest), toByteOffset: count, as: UInt8.self)
        count += 1
    }

    private mutating func byte(_ value: UInt8) {
        reserve(1)
        base!.storeBytes(of: value, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    /// Eight bytes as they lie in memory.
    private mutating func word(_ value: UInt64) {
        reserve(8)
        base!.storeBytes(of: value, toByteOffset: count, as: UInt64.self)
        count += 8
    }

    /// Makes room for `more` bytes after those written.
    private mutating func reserve(_ more: Int) {
        if count + more > capacity { grow(to: count + more) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2, 512)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
        if let base {
            grown.copyMemory(from: base, byteCount: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }
}
