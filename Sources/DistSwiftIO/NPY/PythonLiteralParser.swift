/// Parses the small Python dict literal in an NPY header: string keys, and string, bool or int-tuple values.
/// numpy writes it with `repr`, so keys may come in any order and tuples may have a trailing comma.
struct PythonLiteralParser {
    struct HeaderDict {
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
    }

    private let scalars: [Character]
    private let source: String
    private var position = 0

    init(text: String, source: String) {
        scalars = Array(text)
        self.source = source
    }

    private func fail(_ why: String) -> NPYFormatError {
        NPYFormatError(file: source, reason: "malformed NPY header (\(why)): \(String(scalars))")
    }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position].isWhitespace { position += 1 }
    }

    private mutating func expect(_ c: Character) throws {
        skipSpace()
        guard position < scalars.count, scalars[position] == c else { throw fail("expected '\(c)'") }
        position += 1
    }

    private mutating func peek() -> Character? {
        skipSpace()
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func string() throws -> String {
        skipSpace()
        guard position < scalars.count, scalars[position] == "'" || scalars[position] == "\"" else {
            throw fail("expected a quoted string")
        }
        let quote = scalars[position]
        position += 1
        var out = ""
        while position < scalars.count, scalars[position] != quote {
            out.append(scalars[position])
            position += 1
        }
        guard position < scalars.count else { throw fail("unterminated string") }
        position += 1
        return out
    }

    private mutating func word() -> String {
        skipSpace()
        var out = ""
        while position < scalars.count, scalars[position].isLetter || scalars[position].isNumber
                || scalars[position] == "_" || scalars[position] == "-" {
            out.append(scalars[position])
            position += 1
        }
        return out
    }

    private mutating func intTuple() throws -> [Int] {
        try expect("(")
        var values: [Int] = []
        while let c = peek(), c != ")" {
            let token = word()
            // numpy < 2 on Windows wrote shapes like (3L, 4L).
            guard let value = Int(token.hasSuffix("L") ? String(token.dropLast()) : token), value >= 0 else {
                throw fail("shape entry '\(token)' is not a non-negative integer")
            }
            values.append(value)
            if peek() == "," { position += 1 }
        }
        try expect(")")
        return values
    }

    mutating func parseHeaderDict() throws -> HeaderDict {
        var dict = HeaderDict()
        try expect("{")
        while let c = peek(), c != "}" {
            let key = try string()
            try expect(":")
            switch key {
            case "descr":
                guard peek() == "'" || peek() == "\"" else {
                    throw fail("'descr' is not a simple dtype string (structured arrays are not supported)")
                }
                dict.descr = try string()
            case "fortran_order":
                let w = word()
                guard w == "True" || w == "False" else { throw fail("fortran_order is '\(w)'") }
                dict.fortranOrder = (w == "True")
            case "shape":
                dict.shape = try intTuple()
            default:
                throw fail("unexpected key '\(key)'")
            }
            if peek() == "," { position += 1 }
        }
        try expect("}")
        return dict
    }
}
