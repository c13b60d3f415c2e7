/// The body of `POST /items`: `{"key": "user:1", "value": "Folan"}`, both JSON strings.
///
/// Decoding fails with an `AppError` (400) whose message names the field at fault.
struct NewItem: Decodable {
    var key: String
    var value: String

    private enum CodingKeys: String, CodingKey {
        case key
        case value
    }

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<CodingKeys>
        do {
            container = try decoder.container(keyedBy: CodingKeys.self)
        } catch {
            throw AppError.badRequest(
                "request body must be a JSON object with string fields \"key\" and \"value\""
            )
        }
        key = try Self.string(.key, in: container)
        value = try Self.string(.value, in: container)
    }

    private static func string(
        _ field: CodingKeys,
        in container: KeyedDecodingContainer<CodingKeys>
    )
        throws -> String
    {
        guard container.contains(field) else {
            throw AppError.badRequest("missing field \"\(field.rawValue)\"")
        }
        do {
            return try container.decode(String.self, forKey: field)
        } catch {
            throw AppError.badRequest("field \"\(field.rawValue)\" must be a JSON string")
        }
    }
}
