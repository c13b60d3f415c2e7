import Hummingbird

extension Response {
    /// A response whose body is the JSON text `json`, with its content type.
    static func json(
        _ json: String,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    )
        -> Response
    {
        Response.json(ByteBuffer(string: json), status: status, headers: headers)
    }

    /// A response whose body is the JSON bytes `body`, with its content type.
    static func json(
        _ body: ByteBuffer,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    )
        -> Response
    {
        var fields = jsonFields
        if !headers.isEmpty {
            fields.append(contentsOf: headers)
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }

    /// The header fields of every JSON response, made once.
    private static let jsonFields: HTTPFields = [.contentType: "application/json; charset=utf-8"]
}
