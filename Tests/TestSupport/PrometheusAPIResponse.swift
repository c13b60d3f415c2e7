import Foundation

/// One answer of Prometheus's HTTP API: `{"status": "success"|"error", "data": ..., "errorType": ..., "error": ...}`.
public struct PrometheusAPIResponse: Sendable {
    /// The HTTP status code (200 for success, 400 for `bad_data`, 422 for `execution`, ...).
    public var httpStatus: Int
    /// `success` or `error`.
    public var status: String
    /// `bad_data`, `execution`, `timeout`, ... when `status` is `error`.
    public var errorType: String?
    /// The error text, such as `1:6: parse error: unexpected end of input`.
    public var error: String?
    /// `data.resultType` of a query: `scalar`, `vector`, `matrix` or `string`.
    public var resultType: String?
    /// `data` when it is a string, as `/api/v1/format_query` returns the formatted expression.
    public var dataString: String?
    /// `data.result` of a query, re-encoded as JSON text (`[]` for an empty vector).
    public var resultJSON: String?
    /// The whole body as received.
    public var body: String

    /// `error` without the `invalid parameter "query": ` that the query endpoints put before a parse error,
    /// such as `1:26: parse error: unexpected end of input inside braces`.
    public var queryError: String? {
        guard let error else { return nil }
        let prefix = "invalid parameter \"query\": "
        return error.hasPrefix(prefix) ? String(error.dropFirst(prefix.count)) : error
    }

    /// Whether Prometheus answered `"status": "success"`.
    public var isSuccess: Bool { status == "success" }

    /// Decodes a body of the API; fails when it is not the API's JSON envelope.
    public init(httpStatus: Int, body: Data) throws {
        self.httpStatus = httpStatus
        self.body = String(decoding: body, as: UTF8.self)
        guard let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
            let envelope = object as? [String: Any],
            let status = envelope["status"] as? String
        else {
            throw TestSupportError(
                "prometheus answered HTTP \(httpStatus) with a body that is not its API JSON: "
                    + self.body.prefix(500)
            )
        }
        self.status = status
        self.errorType = envelope["errorType"] as? String
        self.error = envelope["error"] as? String
        if let data = envelope["data"] as? String {
            self.dataString = data
        } else if let data = envelope["data"] as? [String: Any] {
            self.resultType = data["resultType"] as? String
            if let result = data["result"],
                let encoded = try? JSONSerialization.data(withJSONObject: result, options: [.fragmentsAllowed])
            {
                self.resultJSON = String(decoding: encoded, as: UTF8.self)
            }
        }
    }
}
