/// The kinds of request in the mix, and the answer each one expects from the items API.
public enum RequestKind: String, Sendable, CaseIterable, Codable, Comparable {
    /// `GET /items`: list every item.
    case list
    /// `GET /items/{key}` for a key this run wrote: expects 200.
    case hit
    /// `GET /items/{key}` for a key nobody wrote: expects 404.
    case miss
    /// `POST /items` with a new key and value: expects 201.
    case write
    /// `GET /`: the health check.
    case health
    /// A request the API must refuse with a 4xx: bad JSON, a missing field, a wrong method.
    case malformed
    /// A request sent during an error burst (`--errors`): an item request that the app answers with a
    /// 5xx when it injects faults or Redis is down, or a malformed one.
    case burst

    /// Whether `status` is the answer this kind of request expects.
    public func expects(_ status: Int) -> Bool {
        switch self {
        case .list, .hit, .health: return status == 200
        case .miss: return status == 404
        case .write: return status == 201 || status == 200
        case .malformed: return (400...499).contains(status)
        case .burst: return status >= 400
        }
    }

    public static func < (lhs: RequestKind, rhs: RequestKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
