/// Suggests the known names closest to a misspelt one (Levenshtein distance, case-insensitive); a known name that
/// starts with a shortened one ("gauge" → "gauge_length_m") counts as close.
public enum NameSuggestion {
    public static func nearest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lowered = name.lowercased()
        let scored = candidates.map { candidate -> (String, Int) in
            let known = candidate.lowercased()
            return (candidate, lowered.count >= 3 && known.hasPrefix(lowered) ? 1 : distance(lowered, known))
        }
        let threshold = max(2, name.count / 2)
        return scored.filter { $0.1 <= threshold }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(limit).map(\.0)
    }

    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// " Did you mean 'a' or 'b'?" or "" when nothing is close.
    public static func didYouMean(_ name: String, in candidates: [String]) -> String {
        let near = nearest(to: name, in: candidates)
        guard !near.isEmpty else { return "" }
        return "did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"
    }
}
