/// SplitMix64 (Steele, Lea and Flood, 2014): a fast generator of well-mixed 64-bit values from a seed.
/// The tracer draws span and trace ids from it (seeded once from the system's generator); the tests
/// use it seeded by hand, so that a random test repeats exactly. Not for secrets.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next value of the sequence.
    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// What the state moves by at each step (the golden ratio's fraction, in 64 bits).
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The value of the sequence for a state.
    static func mix(_ state: UInt64) -> UInt64 {
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
