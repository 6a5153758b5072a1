import Synchronization

/// The folders of a local location whose resolved path a write found inside the location (`LocalStorage.writable`):
/// a further new file in one of them is written without resolving the folder again. Held for the life of the
/// process that checked them (a worker, a watch): a folder replaced by a link after its check is not seen, as a
/// link planted between a check and its write never was.
final class CheckedFolders: Sendable {
    private let folders = Mutex<Set<String>>([])

    func contains(_ folder: String) -> Bool { folders.withLock { $0.contains(folder) } }

    func insert(_ folder: String) { folders.withLock { _ = $0.insert(folder) } }
}
