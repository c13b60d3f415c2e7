import PromQL

/// Recognises VictoriaMetrics MetricsQL in a query Prometheus rejects, so that `promql-syntax`
/// can say why: the query is written for another engine, not mistyped.
public enum MetricsQL {
    /// What was recognised: the word as written and where it is in the text.
    public struct Sighting: Sendable, Equatable {
        /// The function or keyword (`topk_max`, `keep_metric_names`).
        public var word: String
        /// True for a function call, false for MetricsQL-only syntax.
        public var isFunction: Bool
        /// The UTF-8 range of the word in the text.
        public var range: Range<Int>

        /// True when PromQL has no reading of the word there at all (a call, or `WITH (` opening the
        /// query); `if`, `default` and the like could also be metric names.
        public var isUnambiguous: Bool { isFunction || word.lowercased() == "with" }
    }

    /// MetricsQL functions that Prometheus does not have (rollup, transform, label and aggregate
    /// functions). Names PromQL also has are removed by `functions`; names that newer Prometheus
    /// releases added as experimental (`limitk`, `limit_ratio`) are left out.
    static let documentedFunctions: [String] = [
        // Rollup functions.
        "aggr_over_time", "ascent_over_time", "changes_prometheus", "count_eq_over_time", "count_gt_over_time",
        "count_le_over_time", "count_ne_over_time", "count_values_over_time", "decreases_over_time",
        "default_rollup", "delta_prometheus", "deriv_fast", "descent_over_time", "distinct_over_time",
        "duration_over_time", "first_over_time", "geomean_over_time", "histogram_over_time",
        "hoeffding_bound_lower", "hoeffding_bound_upper", "ideriv", "increase_prometheus", "increase_pure",
        "increases_over_time", "integrate", "lag", "lifetime", "median_over_time", "mode_over_time",
        "outlier_iqr_over_time", "range_over_time", "rate_over_sum", "rate_prometheus", "rollup",
        "rollup_candlestick", "rollup_delta", "rollup_deriv", "rollup_increase", "rollup_rate",
        "rollup_scrape_interval", "scrape_interval", "share_eq_over_time", "share_gt_over_time",
        "share_le_over_time", "stale_samples_over_time", "sum_eq_over_time", "sum_gt_over_time",
        "sum_le_over_time", "sum2_over_time", "tfirst_over_time", "timestamp_with_name",
        "tlast_change_over_time", "tlast_over_time", "tmax_over_time", "tmin_over_time", "zscore_over_time",
        // Transform functions.
        "bitmap_and", "bitmap_or", "bitmap_xor", "buckets_limit", "drop_empty_series", "end",
        "histogram_quantiles", "histogram_share", "interpolate", "keep_last_value", "keep_next_value",
        "prometheus_buckets", "rand", "rand_exponential", "rand_normal", "range_avg", "range_first",
        "range_last", "range_linear_regression", "range_mad", "range_max", "range_median", "range_min",
        "range_normalize", "range_quantile", "range_stddev", "range_stdvar", "range_sum",
        "range_trim_outliers", "range_trim_spikes", "range_trim_zscore", "range_zscore", "remove_resets",
        "ru", "running_avg", "running_max", "running_min", "running_sum", "smooth_exponential", "start",
        "step", "ttf", "union",
        // Label manipulation functions.
        "alias", "drop_common_labels", "label_copy", "label_del", "label_graphite_group", "label_keep",
        "label_lowercase", "label_map", "label_match", "label_mismatch", "label_move", "label_set",
        "label_transform", "label_uppercase", "label_value", "labels_equal", "sort_by_label_numeric",
        "sort_by_label_numeric_desc",
        // Aggregate functions.
        "any", "bottomk_avg", "bottomk_last", "bottomk_max", "bottomk_median", "bottomk_min", "distinct",
        "geomean", "histogram", "mad", "median", "mode", "outliers_iqr", "outliers_mad", "outliersk",
        "quantiles", "share", "sum2", "topk_avg", "topk_last", "topk_max", "topk_median", "topk_min", "zscore",
    ]

    /// The MetricsQL-only function names (those PromQL also knows left out).
    static let functions: Set<String> = Set(
        documentedFunctions.filter { PromQLFunction.named($0) == nil && AggregationOperator(rawValue: $0) == nil }
    )

    /// MetricsQL-only keywords: `WITH` templates, the `keep_metric_names` modifier and the `if`,
    /// `ifnot` and `default` binary operators.
    static let keywords: Set<String> = ["with", "keep_metric_names", "if", "ifnot", "default"]

    /// The first MetricsQL-only function call or keyword in `text`, outside strings and comments.
    /// A keyword counts only where PromQL has no use for an identifier: `WITH (`, or `if`, `ifnot`
    /// and `default` between two operands, or `keep_metric_names` after a call's parenthesis.
    public static func firstSighting(in text: String) -> Sighting? {
        let bytes = Array(text.utf8)
        var index = 0
        var previous: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") {
                index = endOfString(bytes, from: index)
                previous = byte
                continue
            }
            if byte == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            guard isWordStart(byte) else {
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t") {
                    previous = byte
                }
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            var next = index
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\n") {
                next += 1
            }
            let opensCall = next < bytes.count && bytes[next] == UInt8(ascii: "(")
            // A word after `{`, `,` or `(` inside braces is a label name, not a call.
            if opensCall, functions.contains(word), previous != UInt8(ascii: "{") {
                return Sighting(word: word, isFunction: true, range: start..<index)
            }
            let lowered = word.lowercased()
            if keywords.contains(lowered), isKeywordPlace(lowered, previous: previous, opensCall: opensCall) {
                return Sighting(word: word, isFunction: false, range: start..<index)
            }
            previous = bytes[index - 1]
        }
        return nil
    }

    /// The message for a sighting, as `promql-syntax` reports it.
    public static func message(for sighting: Sighting) -> String {
        sighting.isFunction
            ? "\(sighting.word) is a VictoriaMetrics MetricsQL function; Prometheus rejects it"
            : "\(sighting.word) is VictoriaMetrics MetricsQL syntax; Prometheus rejects it"
    }

    /// The hint for a sighting.
    public static let hint =
        "This query is written for VictoriaMetrics (MetricsQL), which extends PromQL; Prometheus, and a Grafana "
        + "datasource of type prometheus pointed at it, reject it. Rewrite it in PromQL, or check it against "
        + "VictoriaMetrics if that is the datasource."

    private static func isKeywordPlace(_ keyword: String, previous: UInt8?, opensCall: Bool) -> Bool {
        switch keyword {
        case "with": return previous == nil && opensCall
        case "keep_metric_names": return previous == UInt8(ascii: ")")
        default:
            // `a if b`: an operand (a closing bracket, a name or a number) comes just before.
            guard let previous else { return false }
            return previous == UInt8(ascii: ")") || previous == UInt8(ascii: "}") || previous == UInt8(ascii: "]")
                || isWordByte(previous)
        }
    }

    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        let quote = bytes[start]
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), quote != UInt8(ascii: "`") {
                index += 2
                continue
            }
            if bytes[index] == quote { return index + 1 }
            index += 1
        }
        return bytes.count
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isWordStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ":")
    }
}
