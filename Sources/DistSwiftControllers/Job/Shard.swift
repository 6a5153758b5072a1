/// A deterministic slice of a task list: `--shard i/n` runs the tasks whose position modulo n is i (0-based), so n
/// machines given 0/n … (n-1)/n cover every task exactly once, whatever order they start in.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public static let all = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index))
        self.index = index
        self.count = count
    }

    /// Parses "i/n"; nil when malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(i) else {
            return nil
        }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// The tasks of this shard, in their original order. `tasks` must already be in a deterministic order.
    public func select<T>(_ tasks: [T]) -> [T] {
        tasks.enumerated().filter { $0.offset % count == index }.map(\.element)
    }
}
