import DistSwiftNative

/// For an HDF5 (or NetCDF4) file that no layout's sniff accepts: the registered layout whose `signature` it matches
/// best, with what it has and what it lacks — so a user with a file one attribute short of a known layout is told
/// which attribute, instead of only "unknown layout".
public struct LayoutSuggestion: Sendable, Equatable {
    public let formatName: String
    public let present: [String]
    public let missing: [String]

    /// The closest layout, or nil when the file shares nothing with any signature. Ties go to the registry order.
    public static func closest(to file: HDF5File, among formats: [any RecordReader.Type] = RecordFormats.all)
        -> LayoutSuggestion?
    {
        var best: (score: Double, suggestion: LayoutSuggestion)?
        for format in formats where !format.signature.isEmpty {
            let items = format.signature
            let present = items.filter { has($0, in: file) }
            guard !present.isEmpty else { continue }
            let score = Double(present.count) / Double(items.count)
            if score > (best?.score ?? 0) {
                best = (score, LayoutSuggestion(formatName: format.formatName, present: present,
                                                missing: items.filter { !present.contains($0) }))
            }
        }
        return best?.suggestion
    }

    /// Whether `item` ("/path" or "/path@attribute", "/@attribute" for the root) is in the file.
    static func has(_ item: String, in file: HDF5File) -> Bool {
        guard let at = item.lastIndex(of: "@") else { return file.exists(item) }
        let object = item[..<at].isEmpty || item[..<at] == "/" ? "/" : String(item[..<at])
        let name = String(item[item.index(after: at)...])
        guard file.exists(object), let attributes = try? file.attributes(of: object) else { return false }
        return attributes.contains(name)
    }

    /// "closest layout: GDR DAS-RCN (4 of 6 expected items); it lacks /DasRawData/DasTimeArray, …" — or, when
    /// nothing is missing, that the layout's own checks refused the file.
    public var description: String {
        let total = present.count + missing.count
        if missing.isEmpty {
            return "closest layout: \(formatName) — it has all \(total) items that layout names, so a value in it "
                + "differs from what that layout allows (open the file with its reader: distswift names the value)"
        }
        return "closest layout: \(formatName) (\(present.count) of \(total) expected items); it lacks "
            + missing.joined(separator: ", ")
    }
}
