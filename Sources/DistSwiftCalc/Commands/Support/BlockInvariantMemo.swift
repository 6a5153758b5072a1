import Synchronization

/// What a command computes from its parameters and the chunk's time axis alone — the same for every channel block
/// of every chunk of that shape (a mute's envelope along time) — made once per key and reused. With cache-sized
/// channel blocks a 1000 × 10,000 chunk runs in about 20 blocks, so a per-call preparation of 0.2 ms would otherwise
/// cost 4 ms a chunk. Held by the command for the worker's life: one key per chunk length, and at most
/// `capacity` of them (a live run whose files vary in length starts afresh rather than growing).
final class BlockInvariantMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])
    static var capacity: Int { 8 }

    /// The value for `key`, made by `make` the first time (outside the lock: two blocks never run at once in a worker,
    /// and if they did both would make the same value).
    func value(for key: Key, make: () throws -> Value) rethrows -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let made = try make()
        values.withLock {
            if $0.count >= Self.capacity { $0.removeAll() }
            $0[key] = made
        }
        return made
    }
}
