/// Picks the next request of a realistic mix for the items API: mostly reads of existing keys,
/// some misses, writes, lists and health checks, and a few malformed requests.
///
/// The sequence of kinds is fixed by the seed. A hit reads back a key whose write this run has
/// seen succeed; until one has, a hit is sent as a write instead.
public struct RequestMix: Sendable {
    /// How often each kind is picked, relative to the others.
    public static let weights: [(kind: RequestKind, weight: Int)] = [
        (.hit, 45), (.miss, 15), (.write, 20), (.list, 8), (.health, 7), (.malformed, 5),
    ]
    /// Error bursts (`--errors`) last this long, in seconds...
    public static let burstLength = 5.0
    /// ...and start every this many seconds, the first one after one period's half.
    public static let burstPeriod = 20.0
    /// During a burst, this share of requests are `.burst` requests.
    public static let burstShare = 0.5

    private var random: SplitMix64
    private let keyPrefix: String
    private let errorBursts: Bool
    private var writes = 0
    private var misses = 0
    private var confirmedKeys: [String] = []
    private var confirmedCursor = 0
    private let maxConfirmedKeys = 10_000

    /// Makes a mix whose choices are fixed by `seed`; `errorBursts` adds the `--errors` bursts.
    public init(seed: UInt64, errorBursts: Bool) {
        random = SplitMix64(seed: seed)
        keyPrefix = "loadgen-\(String(seed, radix: 16))"
        self.errorBursts = errorBursts
    }

    /// Whether `elapsed` seconds into the run fall inside an error burst.
    public func isInBurst(elapsed: Double) -> Bool {
        guard errorBursts else { return false }
        let phase = elapsed.truncatingRemainder(dividingBy: Self.burstPeriod)
        let start = Self.burstPeriod / 2
        return phase >= start && phase < start + Self.burstLength
    }

    /// Records that the write of `key` succeeded, so later hits may read it.
    public mutating func confirmWrite(of key: String) {
        if confirmedKeys.count < maxConfirmedKeys {
            confirmedKeys.append(key)
        } else {
            confirmedKeys[confirmedCursor] = key
            confirmedCursor = (confirmedCursor + 1) % maxConfirmedKeys
        }
    }

    /// Returns the next request for a moment `elapsed` seconds into the run.
    public mutating func next(elapsed: Double) -> PlannedRequest {
        let burstDraw = Double(random.next() % 1_000_000) / 1_000_000
        if isInBurst(elapsed: elapsed) && burstDraw < Self.burstShare {
            return makeBurst()
        }
        switch pickKind() {
        case .hit: return makeHit()
        case .miss: return makeMiss()
        case .write: return makeWrite()
        case .list: return PlannedRequest(kind: .list, method: "GET", path: "/items?limit=50")
        case .health: return PlannedRequest(kind: .health, method: "GET", path: "/")
        case .malformed, .burst: return makeMalformed(kind: .malformed)
        }
    }

    private mutating func pickKind() -> RequestKind {
        let total = Self.weights.reduce(0) { $0 + $1.weight }
        var draw = Int(random.next() % UInt64(total))
        for entry in Self.weights {
            if draw < entry.weight { return entry.kind }
            draw -= entry.weight
        }
        return .health
    }

    private mutating func makeHit() -> PlannedRequest {
        let draw = random.next()
        guard !confirmedKeys.isEmpty else { return makeWrite() }
        let key = confirmedKeys[Int(draw % UInt64(confirmedKeys.count))]
        return PlannedRequest(kind: .hit, method: "GET", path: "/items/\(key)")
    }

    private mutating func makeMiss() -> PlannedRequest {
        misses += 1
        return PlannedRequest(kind: .miss, method: "GET", path: "/items/\(keyPrefix)-missing-\(misses)")
    }

    private mutating func makeWrite() -> PlannedRequest {
        writes += 1
        let key = "\(keyPrefix)-\(writes)"
        let length = 16 + Int(random.next() % 185)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 ")
        var value = ""
        value.reserveCapacity(length)
        for _ in 0..<length { value.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
        let body = #"{"key":"\#(key)","value":"\#(value)"}"#
        return PlannedRequest(kind: .write, method: "POST", path: "/items", body: body, writtenKey: key)
    }

    private mutating func makeMalformed(kind: RequestKind) -> PlannedRequest {
        switch random.next() % 5 {
        case 0: return PlannedRequest(kind: kind, method: "POST", path: "/items", body: #"{"key": "broken", "#)
        case 1: return PlannedRequest(kind: kind, method: "POST", path: "/items", body: #"{"key": "no-value"}"#)
        case 2: return PlannedRequest(kind: kind, method: "POST", path: "/items", body: #"{"key": "n", "value": 42}"#)
        case 3: return PlannedRequest(kind: kind, method: "DELETE", path: "/items")
        default: return PlannedRequest(kind: kind, method: "GET", path: "/no-such-route/\(random.next() % 1000)")
        }
    }

    private mutating func makeBurst() -> PlannedRequest {
        if random.next() % 2 == 0 {
            // A key over the API's 512-byte limit: refused with a 400.
            let key = String(repeating: "k", count: 600)
            return PlannedRequest(kind: .burst, method: "POST", path: "/items", body: #"{"key":"\#(key)","value":"v"}"#)
        }
        return makeMalformed(kind: .burst)
    }
}
