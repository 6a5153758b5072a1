import Foundation

/// One line of the worker protocol: compact JSON with no line break inside, whatever the strings hold.
public enum TaskLine {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(value)
        // JSONEncoder escapes control characters but not these Unicode line breaks, which line readers split on.
        // Their UTF-8 starts with 0xE2 (U+2028, U+2029) or 0xC2 (U+0085): a line without those bytes (nearly all:
        // task names and answers are mostly ASCII) is kept as it is — Foundation's `replacingOccurrences` took a
        // few per cent of a small-file watch's CPU, on both sides of the pipe.
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(where: { $0 == 0xE2 || $0 == 0xC2 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{2028}": escaped += "\\u2028"
            case "\u{2029}": escaped += "\\u2029"
            case "\u{85}": escaped += "\\u0085"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    public static func decode<T: Decodable>(_ type: T.Type, from line: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(line.utf8))
    }
}
