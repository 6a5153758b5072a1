/// The two patterns the SEG-Y text header is searched for, matched by hand over a line's UTF-8 bytes at one start
/// position (the caller tries each position in turn, leftmost first, and continues after a match, as
/// `String.matches(of:)` does). Digits and spaces are ASCII: a header's other scripts never hold these fields.
enum TextScan {
    /// Every match of `scan` in `text`, leftmost first, each search going on after the previous match's end.
    static func matches<Match>(in text: [UInt8], _ scan: ([UInt8], Int) -> Match?, end: (Match) -> Int) -> [Match] {
        var found: [Match] = []
        var i = 0
        while i < text.count {
            guard let match = scan(text, i) else {
                i += 1
                continue
            }
            found.append(match)
            i = end(match)
        }
        return found
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    /// Space, tab and the other ASCII white space (the header's control characters are already spaces).
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Exactly `count` digits at `i`: their value, or nil.
    private static func digits(_ text: [UInt8], _ i: Int, count: Int) -> Int64? {
        guard i + count <= text.count else { return nil }
        var value: Int64 = 0
        for k in i..<(i + count) {
            guard isDigit(text[k]) else { return nil }
            value = value * 10 + Int64(text[k] - 0x30)
        }
        return value
    }

    /// `YYYY[/-]MM[/-]DD[ T]hh:mm:ss.f+` at `start`: the six fields, the fraction's digits and the end of the match.
    static func timeStamp(in text: [UInt8], at start: Int) -> (fields: [Int64], fractionDigits: ArraySlice<UInt8>,
                                                                 end: Int)? {
        // (offset, digit count, the separator that follows, or nil for the last field)
        let layout: [(Int, Int, [UInt8])] = [(0, 4, [0x2F, 0x2D]), (5, 2, [0x2F, 0x2D]), (8, 2, [0x20, 0x54]),
                                             (11, 2, [0x3A]), (14, 2, [0x3A]), (17, 2, [0x2E])]
        var fields: [Int64] = []
        for (offset, count, separators) in layout {
            guard let value = digits(text, start + offset, count: count), start + offset + count < text.count,
                  separators.contains(text[start + offset + count])
            else { return nil }
            fields.append(value)
        }
        let fractionStart = start + 20
        var end = fractionStart
        while end < text.count && isDigit(text[end]) { end += 1 }
        guard end > fractionStart else { return nil }
        return (fields, text[fractionStart..<end], end)
    }

    /// `NAME\s?\(\s*D{1,3}\s*-\s*D{1,3}` at `start`, NAME a letter then letters, digits or `_`.
    static func declaredField(in text: [UInt8], at start: Int) -> (name: ArraySlice<UInt8>, first: Int, last: Int,
                                                                   end: Int)? {
        guard start < text.count, isLetter(text[start]) else { return nil }
        var i = start + 1
        while i < text.count && (isLetter(text[i]) || isDigit(text[i]) || text[i] == 0x5F) { i += 1 }
        let name = text[start..<i]
        if i < text.count && isSpace(text[i]) { i += 1 }
        guard i < text.count, text[i] == 0x28 else { return nil }
        i += 1
        func number() -> Int? {
            while i < text.count && isSpace(text[i]) { i += 1 }
            var value = 0, count = 0
            while i < text.count && isDigit(text[i]) && count < 3 {
                value = value * 10 + Int(text[i] - 0x30)
                count += 1
                i += 1
            }
            return count > 0 ? value : nil
        }
        guard let first = number() else { return nil }
        // A fourth digit is no separator: the regex's backtracking to fewer digits cannot succeed either.
        while i < text.count && isSpace(text[i]) { i += 1 }
        guard i < text.count, text[i] == 0x2D else { return nil }
        i += 1
        guard let last = number() else { return nil }
        return (name, first, last, i)
    }
}
