// Request bodies of POST /items and keys of GET /items/{key}, fed arbitrary bytes, through what the
// app uses to read and answer them.
//
// `NewItem` (Sources/AppCore) is decoded by Foundation's JSONDecoder from a keyed container of two
// required JSON strings; the app's other files need Hummingbird, which this swiftc-only build does not
// compile, so the harness decodes the same shape with the same decoder. The app's own pure code is
// compiled in: `String.jsonQuoted` (Sources/AppTracing/String+JSON.swift), which writes every item body
// the app answers. Properties: decoding never traps; an item that passes the app's limits, answered as
// `{"key":<jsonQuoted>,"value":<jsonQuoted>}`, is valid JSON that reads back as the same item; any text
// (the input as UTF-8, lossily) quoted by `jsonQuoted` reads back as itself; percent-decoding a path key
// (`removingPercentEncoding`, as the app does) never traps and survives re-encoding.
//
// fuzz-files: Sources/AppTracing/String+JSON.swift
// fuzz-seeds: fuzz/items-body-seeds.json body
// fuzz-dict: fuzz/items-body.dict

import Foundation

/// The shape of `NewItem`: two required string fields.
private struct Body: Decodable {
    var key: String
    var value: String
}

/// The answer's shape, to read it back.
private struct Answer: Decodable, Equatable {
    var key: String
    var value: String
}

@_cdecl("LLVMFuzzerTestOneInput")
public func itemsBodyFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))

    if let body = try? JSONDecoder().decode(Body.self, from: bytes) {
        let keyBytes = body.key.utf8.count
        if keyBytes >= 1 && keyBytes <= 512 && body.value.utf8.count <= 64 * 1024 {
            let answer = "{\"key\":\(body.key.jsonQuoted),\"value\":\(body.value.jsonQuoted)}"
            guard let read = try? JSONDecoder().decode(Answer.self, from: Data(answer.utf8)) else {
                fatalError("the answer \(String(reflecting: answer)) is not JSON")
            }
            if read != Answer(key: body.key, value: body.value) {
                fatalError("the answer \(String(reflecting: answer)) reads back as \(read)")
            }
        }
    }

    let text = String(decoding: bytes, as: UTF8.self)
    let quoted = text.jsonQuoted
    guard let back = try? JSONDecoder().decode(String.self, from: Data(quoted.utf8)) else {
        fatalError("jsonQuoted made \(String(reflecting: quoted)), which is not a JSON string")
    }
    if back != text {
        fatalError("jsonQuoted \(String(reflecting: text)) reads back as \(String(reflecting: back))")
    }

    if let key = text.removingPercentEncoding {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/%")
        guard let escaped = key.addingPercentEncoding(withAllowedCharacters: allowed) else {
            fatalError("\(String(reflecting: key)) cannot be percent-encoded")
        }
        if escaped.removingPercentEncoding != key {
            fatalError("\(String(reflecting: key)) escaped as \(escaped) decodes differently")
        }
    }
    return 0
}
