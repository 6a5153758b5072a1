import Foundation

/// A TDMS object path: `/` (the file), `/'group'` or `/'group'/'channel'`. Names are quoted with `'`, and a `'`
/// inside a name is doubled (`/'Dr. T''s Events'`), so names may contain `/` and must be parsed, not split.
struct TDMSObjectPath: Hashable, Sendable, CustomStringConvertible {
    /// [] for the file object, [group] or [group, channel].
    let names: [String]

    init(names: [String]) {
        precondition(names.count <= 2)
        self.names = names
    }

    /// Nil for a path that is not `/`, `/'a'` or `/'a'/'b'` with well-formed quoting.
    init?(_ text: String) {
        if text == "/" {
            names = []
            return
        }
        var chars = Array(text)[...]
        var parsed: [String] = []
        while !chars.isEmpty {
            guard chars.popFirst() == "/", chars.popFirst() == "'" else { return nil }
            var name = ""
            var closed = false
            while let c = chars.popFirst() {
                if c == "'" {
                    if chars.first == "'" {
                        chars.removeFirst()
                        name.append("'")
                    } else {
                        closed = true
                        break
                    }
                } else {
                    name.append(c)
                }
            }
            guard closed else { return nil }
            parsed.append(name)
        }
        guard (1...2).contains(parsed.count) else { return nil }
        names = parsed
    }

    var group: String? { names.first }
    var isChannel: Bool { names.count == 2 }
    var channel: String? { isChannel ? names[1] : nil }

    var description: String {
        names.isEmpty ? "/" : names.map { "/'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined()
    }
}
