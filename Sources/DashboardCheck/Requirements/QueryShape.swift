import PromQL

/// A query shape checked by code rather than by a `QueryPattern`, because right answers vary too
/// much for a pattern and a near miss deserves reasons in words.
public enum QueryShape: String, Sendable, CaseIterable {
    /// The ratio of 5xx responses to all responses (`ErrorRatioShape`).
    case errorRatio = "error-ratio"

    /// Why `expr` does not have this shape; empty when it has.
    public func problems(_ expr: Expr) -> [String] {
        switch self {
        case .errorRatio: return ErrorRatioShape.problems(expr)
        }
    }

    /// The problems of the candidate in `expr` that comes closest to this shape, or nil when `expr`
    /// holds no candidate (for the error ratio: no division).
    public func closestProblems(in expr: Expr) -> [String]? {
        var best: [String]?
        ExprTraversal.walk(expr) { node, _ in
            guard case .binary(let binary) = node, binary.op == .divide else { return }
            let problems = self.problems(node)
            if best == nil || problems.count < (best?.count ?? Int.max) { best = problems }
        }
        return best
    }
}
