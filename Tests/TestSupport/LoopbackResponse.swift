import HTTPTypes
import NIOCore

/// A whole HTTP response as a test reads it.
public struct LoopbackResponse: Sendable {
    /// The status, such as `.ok`.
    public var status: HTTPResponse.Status
    /// The header fields.
    public var headers: HTTPFields
    /// The body's bytes.
    public var body: ByteBuffer

    /// The body decoded as UTF-8.
    public var text: String { String(buffer: body) }
}
