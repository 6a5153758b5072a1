import Foundation

/// The folder `distswift fbe` writes into. Writing a conversion over an earlier one would leave the earlier
/// chunks that the new one does not overwrite (other times, or other --chunk-seconds) beside the new ones, where
/// `stack` would join them; so the folder must be empty, or hold an earlier conversion that --force removes.
struct FBEOutputFolder {
    let path: String
    let option: String

    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    func prepare(replacing: Bool) throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        guard !entries.isEmpty else { return }
        let earlier = try earlierBandFolders()
        guard replacing, let earlier else {
            let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            throw Refusal(description: "\(option) \(path) is not empty (\(entries.count) entries: \(shown)); "
                + (earlier == nil
                    ? "give an empty or new folder (--force replaces only an earlier conversion, a folder with bands.json)"
                    : "give an empty or new folder, or --force to replace the earlier conversion it holds"))
        }
        for folder in earlier {
            let band = (path as NSString).appendingPathComponent(folder)
            if FileManager.default.fileExists(atPath: band) { try FileManager.default.removeItem(atPath: band) }
        }
        try FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent("bands.json"))
    }

    /// The band folders an earlier conversion's bands.json lists, or nil when the folder holds none.
    private func earlierBandFolders() throws -> [String]? {
        let file = (path as NSString).appendingPathComponent("bands.json")
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let bands = object["bands"] as? [[String: Any]] else {
            throw Refusal(description: "\(file) is not a bands.json that distswift fbe writes; give an empty or new \(option) folder")
        }
        let folders = bands.compactMap { $0["folder"] as? String }
        // A folder name from the file is only ever a plain name; anything else is not ours to delete.
        guard folders.count == bands.count,
              folders.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." }) else {
            throw Refusal(description: "\(file) lists band folders that are not plain names; give an empty or new \(option) folder")
        }
        return folders
    }
}
