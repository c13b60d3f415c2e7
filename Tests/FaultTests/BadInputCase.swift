/// One row of the bad-input table: the bytes sent on a fresh connection, and the answers expected.
struct BadInputCase: Sendable, CustomStringConvertible {
    /// What the row sends, in words.
    var name: String
    /// The request bytes, exactly as sent.
    var request: [UInt8]
    /// The statuses expected, in order (more than one for pipelined requests). An answer of 400 or more
    /// must carry a JSON `{"error": ...}` body; any other answer a JSON object without `error`.
    var statuses: [Int]
    /// True when NIO's HTTP parser refuses the bytes before any route or middleware runs: the app's
    /// `HTTPParserErrorJSONHandler` still answers with a JSON error, and the connection closes.
    var isRefusedByHTTPParser = false

    var description: String { name }

    /// A request with `Connection: close` and, when `body` is given, a `Content-Length`.
    static func request(
        _ method: String,
        _ path: String,
        body: [UInt8]? = nil,
        contentType: String? = "application/json",
        extraHeaders: String = ""
    ) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\(extraHeaders)"
        if let body {
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(body.count)\r\n"
        }
        return Array((head + "\r\n").utf8) + (body ?? [])
    }

    /// `POST /items` with `json` as the body.
    static func post(_ name: String, _ json: String, _ status: Int) -> BadInputCase {
        BadInputCase(
            name: name,
            request: request("POST", "/items", body: Array(json.utf8)),
            statuses: [status]
        )
    }

    /// `GET path`.
    static func get(_ name: String, _ path: String, _ status: Int) -> BadInputCase {
        BadInputCase(name: name, request: request("GET", path), statuses: [status])
    }

    /// The rows, after `BadInputTests.prepare` stored `user:1` and `a b/c`.
    static let table: [BadInputCase] = {
        let key512 = String(repeating: "k", count: 512)
        let key513 = String(repeating: "k", count: 513)
        let value64KiB = String(repeating: "v", count: 65536)
        let value64KiBPlusOne = String(repeating: "v", count: 65537)
        let twoMiB =
            Array(#"{"key": "big", "value": ""#.utf8) + [UInt8](repeating: 0x61, count: 2 << 20) + Array(#""}"#.utf8)
        let oneMiBPlusOne = [UInt8](repeating: 0x20, count: (1 << 20) + 1)
        return [
            post("truncated JSON", #"{"key": "a", "val"#, 400),
            post("not JSON at all", "not json", 400),
            post("an empty body", "", 400),
            post("a JSON array", #"["key", "value"]"#, 400),
            post("JSON null", "null", 400),
            post("a number as the key", #"{"key": 42, "value": "x"}"#, 400),
            post("a number as the value", #"{"key": "a", "value": 42}"#, 400),
            post("an object as the value", #"{"key": "a", "value": {"x": 1}}"#, 400),
            post("a boolean as the key", #"{"key": true, "value": "x"}"#, 400),
            post("a null key", #"{"key": null, "value": "x"}"#, 400),
            post("a null value", #"{"key": "a", "value": null}"#, 400),
            post("no value", #"{"key": "a"}"#, 400),
            post("no key", #"{"value": "a"}"#, 400),
            post("a numeric string as the key", #"{"key": "12345", "value": "x"}"#, 201),
            post("an empty key", #"{"key": "", "value": "x"}"#, 400),
            post("a 512-byte key", #"{"key": "\#(key512)", "value": "x"}"#, 201),
            post("a 513-byte key", #"{"key": "\#(key513)", "value": "x"}"#, 400),
            post("a 64 KiB value", #"{"key": "v64", "value": "\#(value64KiB)"}"#, 201),
            post("a value of 64 KiB + 1 byte", #"{"key": "v64", "value": "\#(value64KiBPlusOne)"}"#, 400),
            BadInputCase(
                name: "a 2 MiB body",
                request: request("POST", "/items", body: twoMiB),
                statuses: [413]
            ),
            BadInputCase(
                name: "a body of 1 MiB + 1 byte",
                request: request("POST", "/items", body: oneMiBPlusOne),
                statuses: [413]
            ),
            BadInputCase(
                name: "invalid UTF-8 inside a JSON string",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "a"#.utf8) + [0xFF, 0xFE] + Array(#"", "value": "x"}"#.utf8)
                ),
                statuses: [400]
            ),
            BadInputCase(
                name: "a NUL byte inside a JSON string",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "a"#.utf8) + [0x00] + Array(#"", "value": "x"}"#.utf8)
                ),
                statuses: [400]
            ),
            BadInputCase(
                name: "valid JSON without a Content-Type",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "ct1", "value": "x"}"#.utf8),
                    contentType: nil
                ),
                statuses: [415]
            ),
            BadInputCase(
                name: "valid JSON sent as text/plain",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "ct2", "value": "x"}"#.utf8),
                    contentType: "text/plain"
                ),
                statuses: [415]
            ),
            BadInputCase(
                name: "valid JSON sent as a form",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "ct3", "value": "x"}"#.utf8),
                    contentType: "application/x-www-form-urlencoded"
                ),
                statuses: [415]
            ),
            BadInputCase(
                name: "valid JSON sent as application/json with a charset",
                request: request(
                    "POST",
                    "/items",
                    body: Array(#"{"key": "ct4", "value": "x"}"#.utf8),
                    contentType: "application/json; charset=utf-8"
                ),
                statuses: [201]
            ),
            get("a key with an escaped colon", "/items/user%3A1", 200),
            get("a key with an escaped space and slash", "/items/a%20b%2Fc", 200),
            get("a key with invalid percent-encoding", "/items/%zz", 400),
            get("a key that decodes to invalid UTF-8", "/items/%FF%FE", 400),
            get("a key that decodes to a lone UTF-8 continuation byte", "/items/%A9", 400),
            get("a key of two dots", "/items/..", 404),
            get("dot segments through the items route", "/items/../items/user:1", 404),
            get("dot segments above the root", "/../../etc/passwd", 404),
            get("an escaped NUL byte in the key", "/items/a%00b", 404),
            get("a 513-byte key in the path", "/items/" + key513, 400),
            get("a limit that is not a number", "/items?limit=abc", 400),
            get("a limit of zero", "/items?limit=0", 400),
            get("a limit over the maximum", "/items?limit=10001", 400),
            get("an unknown route", "/no/such/route", 404),
            BadInputCase(
                name: "a wrong method on an item",
                request: request("DELETE", "/items/user:1"),
                statuses: [405]
            ),
            BadInputCase(
                name: "a raw NUL byte in the request line",
                request: Array("GET /items/a".utf8) + [0] + Array("b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8),
                statuses: [400],
                isRefusedByHTTPParser: true
            ),
            BadInputCase(
                name: "a NUL byte in a header value",
                request: Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8),
                statuses: [400],
                isRefusedByHTTPParser: true
            ),
            BadInputCase(
                name: "a 32 KiB header, under the parser's limit",
                request: request("GET", "/", extraHeaders: "X-Long: \(String(repeating: "x", count: 32 << 10))\r\n"),
                statuses: [200]
            ),
            BadInputCase(
                name: "a 100 KiB header, over the parser's limit",
                request: request("GET", "/", extraHeaders: "X-Long: \(String(repeating: "x", count: 100 << 10))\r\n"),
                statuses: [431],
                isRefusedByHTTPParser: true
            ),
            BadInputCase(
                name: "a request line that is not HTTP",
                request: Array("HELLO\r\n\r\n".utf8),
                statuses: [400],
                isRefusedByHTTPParser: true
            ),
            BadInputCase(
                name: "HTTP/1.0 without Host",
                request: Array("GET /items/user:1 HTTP/1.0\r\n\r\n".utf8),
                statuses: [200]
            ),
            BadInputCase(
                name: "HTTP/1.0 to an unknown route",
                request: Array("GET /nope HTTP/1.0\r\n\r\n".utf8),
                statuses: [404]
            ),
            BadInputCase(
                name: "three pipelined requests",
                request: Array(
                    ("GET /items/user:1 HTTP/1.1\r\nHost: a\r\n\r\n" + "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n"
                        + "POST /items HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
                        + "Connection: close\r\n\r\nnull").utf8
                ),
                statuses: [200, 404, 400]
            ),
        ]
    }()
}
