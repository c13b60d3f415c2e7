import Foundation

/// One HTTP response read off a socket, as the bytes came.
struct RawHTTPResponse: Sendable {
    /// The status line's version, such as `HTTP/1.1`.
    var version: String
    /// The status code, such as 400.
    var status: Int
    /// The header fields, names in lower case (the last one wins when a name repeats).
    var headers: [String: String]
    /// The body bytes (de-chunked when the response was chunked).
    var body: [UInt8]

    /// The body decoded as UTF-8.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body's `error` member when the body is a JSON object with a string `error`, else nil.
    var jsonError: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return object["error"] as? String
    }

    /// The body as a JSON object, or nil when it is not one.
    var jsonObject: [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    }

    /// Parses one response from the start of `bytes`.
    ///
    /// - Parameter complete: true when the peer closed the connection, so a response without a length
    ///   ends where the bytes end.
    /// - Returns: the response and how many bytes it used, or nil when more bytes are needed.
    static func parse(_ bytes: ArraySlice<UInt8>, complete: Bool) throws -> (RawHTTPResponse, Int)? {
        guard let headerEnd = find([13, 10, 13, 10], in: bytes) else {
            if complete && !bytes.isEmpty {
                throw RawHTTPError.malformed("the connection closed inside the header: \(preview(bytes))")
            }
            return nil
        }
        let head = String(decoding: bytes[bytes.startIndex..<headerEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/"), let status = Int(statusParts[1]) else {
            throw RawHTTPError.malformed("not a status line: \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        let bodyStart = headerEnd + 4
        let used = { (end: Int) in end - bytes.startIndex }
        if status == 204 || status == 304 || (100..<200).contains(status) {
            return (
                RawHTTPResponse(version: String(statusParts[0]), status: status, headers: headers, body: []),
                used(bodyStart)
            )
        }
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            var cursor = bodyStart
            var body: [UInt8] = []
            while true {
                guard let lineEnd = find([13, 10], in: bytes[cursor...]) else { return nil }
                let sizeText =
                    String(decoding: bytes[cursor..<lineEnd], as: UTF8.self)
                    .split(separator: ";").first.map(String.init) ?? ""
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                    throw RawHTTPError.malformed("bad chunk size line: \(sizeText)")
                }
                let dataStart = lineEnd + 2
                if size == 0 {
                    // Trailers, if any, end with an empty line.
                    guard let trailerEnd = find([13, 10], in: bytes[dataStart...]) else { return nil }
                    if trailerEnd == dataStart {
                        let response = RawHTTPResponse(
                            version: String(statusParts[0]),
                            status: status,
                            headers: headers,
                            body: body
                        )
                        return (response, used(dataStart + 2))
                    }
                    guard let end = find([13, 10, 13, 10], in: bytes[dataStart...]) else { return nil }
                    let response = RawHTTPResponse(
                        version: String(statusParts[0]),
                        status: status,
                        headers: headers,
                        body: body
                    )
                    return (response, used(end + 4))
                }
                guard bytes.endIndex >= dataStart + size + 2 else { return nil }
                body.append(contentsOf: bytes[dataStart..<dataStart + size])
                cursor = dataStart + size + 2
            }
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else {
                throw RawHTTPError.malformed("bad content-length: \(lengthText)")
            }
            guard bytes.endIndex >= bodyStart + length else {
                if complete {
                    throw RawHTTPError.malformed("the connection closed inside a body of \(length) bytes")
                }
                return nil
            }
            let response = RawHTTPResponse(
                version: String(statusParts[0]),
                status: status,
                headers: headers,
                body: Array(bytes[bodyStart..<bodyStart + length])
            )
            return (response, used(bodyStart + length))
        }
        // No length: the body runs to the end of the connection.
        guard complete else { return nil }
        let response = RawHTTPResponse(
            version: String(statusParts[0]),
            status: status,
            headers: headers,
            body: Array(bytes[bodyStart...])
        )
        return (response, used(bytes.endIndex))
    }

    private static func find(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.startIndex
        while index <= bytes.endIndex - needle.count {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func preview(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(200), as: UTF8.self)
    }
}
