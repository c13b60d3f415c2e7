/// A PromQL function: its name, argument types and return type, as Prometheus's function table
/// (`promql/parser/functions.go`) declares them.
public struct PromQLFunction: Hashable, Sendable {
    /// The name, as called: `rate`.
    public var name: String
    /// The types of the arguments, in order. With `variadic != 0` the last one may be left out
    /// (and, for `variadic == -1`, repeated any number of times).
    public var argumentTypes: [ValueType]
    /// 0: exactly `argumentTypes`; n > 0: up to n arguments may follow the first `count - 1`;
    /// -1: any number of further arguments of the last type.
    public var variadic: Int
    /// The type of the result.
    public var returnType: ValueType
    /// True for functions Prometheus only accepts behind `--enable-feature=promql-experimental-functions`;
    /// the parser rejects them (`function "mad_over_time" is not enabled`).
    public var isExperimental: Bool

    /// Makes a function description.
    public init(
        name: String,
        argumentTypes: [ValueType],
        returnType: ValueType,
        variadic: Int = 0,
        isExperimental: Bool = false
    ) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.returnType = returnType
        self.variadic = variadic
        self.isExperimental = isExperimental
    }

    /// The fewest arguments a call needs.
    public var minimumArguments: Int { variadic == 0 ? argumentTypes.count : argumentTypes.count - 1 }

    /// The most arguments a call may have; `nil` when unbounded.
    public var maximumArguments: Int? {
        switch variadic {
        case 0: return argumentTypes.count
        case ..<0: return nil
        default: return argumentTypes.count - 1 + variadic
        }
    }

    /// Every function Prometheus knows, experimental ones included (they carry `isExperimental`).
    public static let all: [PromQLFunction] = [
        PromQLFunction(name: "abs", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "absent", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "absent_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "acos", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "acosh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "asin", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "asinh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "atan", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "atanh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "avg_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "ceil", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "changes", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "clamp", argumentTypes: [.vector, .scalar, .scalar], returnType: .vector),
        PromQLFunction(name: "clamp_max", argumentTypes: [.vector, .scalar], returnType: .vector),
        PromQLFunction(name: "clamp_min", argumentTypes: [.vector, .scalar], returnType: .vector),
        PromQLFunction(name: "cos", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "cosh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "count_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "day_of_month", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "day_of_week", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "day_of_year", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "days_in_month", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "deg", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "delta", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "deriv", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(
            name: "double_exponential_smoothing",
            argumentTypes: [.matrix, .scalar, .scalar],
            returnType: .vector,
            isExperimental: true
        ),
        PromQLFunction(name: "end", argumentTypes: [], returnType: .scalar, isExperimental: true),
        PromQLFunction(name: "exp", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "first_over_time", argumentTypes: [.matrix], returnType: .vector, isExperimental: true),
        PromQLFunction(name: "floor", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "histogram_avg", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "histogram_count", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "histogram_fraction", argumentTypes: [.scalar, .scalar, .vector], returnType: .vector),
        PromQLFunction(name: "histogram_quantile", argumentTypes: [.scalar, .vector], returnType: .vector),
        PromQLFunction(
            name: "histogram_quantiles",
            argumentTypes: [.vector, .string, .scalar, .scalar],
            returnType: .vector,
            variadic: 9,
            isExperimental: true
        ),
        PromQLFunction(name: "histogram_stddev", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "histogram_stdvar", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "histogram_sum", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "hour", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "idelta", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "increase", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(
            name: "info",
            argumentTypes: [.vector, .vector],
            returnType: .vector,
            variadic: 1,
            isExperimental: true
        ),
        PromQLFunction(
            name: "integral",
            argumentTypes: [.matrix, .scalar],
            returnType: .vector,
            variadic: 1,
            isExperimental: true
        ),
        PromQLFunction(name: "irate", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(
            name: "label_join",
            argumentTypes: [.vector, .string, .string, .string],
            returnType: .vector,
            variadic: -1
        ),
        PromQLFunction(
            name: "label_replace",
            argumentTypes: [.vector, .string, .string, .string, .string],
            returnType: .vector
        ),
        PromQLFunction(name: "last_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "ln", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "log10", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "log2", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "mad_over_time", argumentTypes: [.matrix], returnType: .vector, isExperimental: true),
        PromQLFunction(name: "max_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "min_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "minute", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "month", argumentTypes: [.vector], returnType: .vector, variadic: 1),
        PromQLFunction(name: "pi", argumentTypes: [], returnType: .scalar),
        PromQLFunction(name: "predict_linear", argumentTypes: [.matrix, .scalar], returnType: .vector),
        PromQLFunction(name: "present_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "quantile_over_time", argumentTypes: [.scalar, .matrix], returnType: .vector),
        PromQLFunction(name: "rad", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "range", argumentTypes: [], returnType: .scalar, isExperimental: true),
        PromQLFunction(name: "rate", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "resets", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "round", argumentTypes: [.vector, .scalar], returnType: .vector, variadic: 1),
        PromQLFunction(name: "scalar", argumentTypes: [.vector], returnType: .scalar),
        PromQLFunction(name: "sgn", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "sin", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "sinh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "sort", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(
            name: "sort_by_label",
            argumentTypes: [.vector, .string],
            returnType: .vector,
            variadic: -1,
            isExperimental: true
        ),
        PromQLFunction(
            name: "sort_by_label_desc",
            argumentTypes: [.vector, .string],
            returnType: .vector,
            variadic: -1,
            isExperimental: true
        ),
        PromQLFunction(name: "sort_desc", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "sqrt", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "start", argumentTypes: [], returnType: .scalar, isExperimental: true),
        PromQLFunction(name: "stddev_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "stdvar_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "step", argumentTypes: [], returnType: .scalar, isExperimental: true),
        PromQLFunction(name: "sum_over_time", argumentTypes: [.matrix], returnType: .vector),
        PromQLFunction(name: "tan", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "tanh", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(name: "time", argumentTypes: [], returnType: .scalar),
        PromQLFunction(name: "timestamp", argumentTypes: [.vector], returnType: .vector),
        PromQLFunction(
            name: "ts_of_first_over_time",
            argumentTypes: [.matrix],
            returnType: .vector,
            isExperimental: true
        ),
        PromQLFunction(
            name: "ts_of_last_over_time",
            argumentTypes: [.matrix],
            returnType: .vector,
            isExperimental: true
        ),
        PromQLFunction(
            name: "ts_of_max_over_time",
            argumentTypes: [.matrix],
            returnType: .vector,
            isExperimental: true
        ),
        PromQLFunction(
            name: "ts_of_min_over_time",
            argumentTypes: [.matrix],
            returnType: .vector,
            isExperimental: true
        ),
        PromQLFunction(name: "vector", argumentTypes: [.scalar], returnType: .vector),
        PromQLFunction(name: "year", argumentTypes: [.vector], returnType: .vector, variadic: 1),
    ]

    /// The functions keyed by name.
    public static let byName: [String: PromQLFunction] = Dictionary(
        all.map { ($0.name, $0) },
        uniquingKeysWith: { a, _ in a }
    )

    /// Looks a function up by its exact (case-sensitive) name.
    public static func named(_ name: String) -> PromQLFunction? {
        index(named: name).map { all[$0] }
    }

    /// The index in `all` of the function called `name`: lets the parser and the type checker read a
    /// function's fields in place instead of copying it.
    static func index(named name: String) -> Int? {
        var slot = hash(name) & slotMask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if all[index].name == name { return index }
            slot = (slot + 1) & slotMask
        }
    }

    /// Indices into `all` (or -1) in an open-addressing table keyed by `hash(_:)` of the name: a lookup takes
    /// one pass over the name's bytes, cheaper than hashing a `String` for `byName`. The first of two
    /// functions with one name wins, as in `byName`.
    private static let slots: [Int] = {
        var slots = Array(repeating: -1, count: slotMask + 1)
        for (index, function) in all.enumerated() {
            var slot = hash(function.name) & slotMask
            while slots[slot] >= 0 && all[slots[slot]].name != function.name { slot = (slot + 1) & slotMask }
            if slots[slot] < 0 { slots[slot] = index }
        }
        return slots
    }()

    private static let slotMask = 511

    /// FNV-1a over the UTF-8 bytes.
    private static func hash(_ name: String) -> Int {
        func fnv<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
            return Int(truncatingIfNeeded: hash ^ (hash >> 32))
        }
        return name.utf8.withContiguousStorageIfAvailable(fnv) ?? fnv(name.utf8)
    }
}
