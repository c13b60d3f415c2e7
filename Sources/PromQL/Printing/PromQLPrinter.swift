import Foundation

/// Writes an expression tree back as PromQL in Prometheus's canonical form (its `Expr.String()`):
/// `sum by (job) (rate(x[5m]))`, `a + on (job) group_left (x) b`, `x @ 100.000 offset 5m`.
public enum PromQLPrinter {
    /// Prints `expr` in canonical form.
    public static func print(_ expr: Expr) -> String {
        var out = ""
        write(expr, to: &out)
        return out
    }

    private static func write(_ expr: Expr, to out: inout String) {
        switch expr {
        case .number(let literal):
            out += number(literal)
        case .string(let literal):
            out += GoQuote.quote(literal.value)
        case .vectorSelector(let selector):
            writeSelector(selector, to: &out)
            out += modifiers(at: selector.at, offset: selector.offset)
        case .matrixSelector(let matrix):
            writeSelector(matrix.selector, to: &out)
            out += "[" + matrix.duration.text + "]"
            out += modifiers(at: matrix.selector.at, offset: matrix.selector.offset)
        case .subquery(let subquery):
            write(subquery.expr, to: &out)
            out += "[" + subquery.duration.text + ":" + (subquery.step.map(\.text) ?? "") + "]"
            out += modifiers(at: subquery.at, offset: subquery.offset)
        case .call(let call):
            out += call.function + "("
            writeList(call.arguments, to: &out)
            out += ")"
        case .aggregate(let aggregate):
            out += aggregate.op.rawValue
            if aggregate.without {
                out += " without (" + labels(aggregate.grouping) + ") "
            } else if !aggregate.grouping.isEmpty {
                out += " by (" + labels(aggregate.grouping) + ") "
            }
            out += "("
            if let parameter = aggregate.parameter {
                write(parameter, to: &out)
                out += ", "
            }
            write(aggregate.expr, to: &out)
            out += ")"
        case .binary(let binary):
            write(binary.lhs, to: &out)
            out += " " + binary.op.rawValue
            if binary.returnBool { out += " bool" }
            if let matching = binary.matching {
                let grouped = matching.cardinality == .manyToOne || matching.cardinality == .oneToMany
                if !matching.matchingLabels.isEmpty || matching.on || grouped {
                    out += (matching.on ? " on (" : " ignoring (") + labels(matching.matchingLabels) + ")"
                }
                if grouped {
                    out += (matching.cardinality == .manyToOne ? " group_left (" : " group_right (")
                    out += labels(matching.include) + ")"
                }
            }
            out += " "
            write(binary.rhs, to: &out)
        case .unary(let unary):
            out += unary.op.rawValue
            write(unary.expr, to: &out)
        case .paren(let paren):
            out += "("
            write(paren.expr, to: &out)
            out += ")"
        }
    }

    private static func writeList(_ list: [Expr], to out: inout String) {
        for (index, expr) in list.enumerated() {
            if index > 0 { out += ", " }
            write(expr, to: &out)
        }
    }

    private static func number(_ literal: NumberLiteral) -> String {
        guard literal.isDuration, literal.value.isFinite, abs(literal.value) < 9.2e15 else {
            return GoNumber.format(literal.value)
        }
        let milliseconds = Int64(literal.value * 1000)
        if milliseconds < 0 { return "-" + PromDuration(milliseconds: -milliseconds).text }
        return PromDuration(milliseconds: milliseconds).text
    }

    private static func writeSelector(_ selector: VectorSelector, to out: inout String) {
        out += selector.name ?? ""
        guard !selector.matchers.isEmpty else { return }
        let rendered = selector.matchers.map(matcher).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        out += "{" + rendered.joined(separator: ",") + "}"
    }

    private static func matcher(_ matcher: LabelMatcher) -> String {
        let name = isLegacyName(matcher.name, allowEmpty: false) ? matcher.name : GoQuote.quote(matcher.name)
        return name + matcher.op.rawValue + GoQuote.quote(matcher.value)
    }

    private static func modifiers(at: AtModifier?, offset: PromDuration?) -> String {
        var text = ""
        switch at {
        case .timestamp(let milliseconds)?: text += " @ " + String(format: "%.3f", Double(milliseconds) / 1000)
        case .start?: text += " @ start()"
        case .end?: text += " @ end()"
        case nil: break
        }
        if let offset, offset.milliseconds != 0 {
            text += offset.milliseconds > 0 ? " offset " + offset.text : " offset -" + offset.text
        }
        return text
    }

    private static func labels(_ names: [String]) -> String {
        names.map { isLegacyName($0, allowEmpty: false) ? $0 : GoQuote.quote($0) }.joined(separator: ", ")
    }

    /// True for names matching `[a-zA-Z_][a-zA-Z0-9_]*`, which print without quotes.
    static func isLegacyName(_ name: String, allowEmpty: Bool) -> Bool {
        if name.isEmpty { return allowEmpty }
        for (index, byte) in name.utf8.enumerated() {
            let letter =
                byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || (index > 0 && digit)) { return false }
        }
        return true
    }
}
