/// How `process` cuts a chunk into blocks of channels when every command of its graph treats channels
/// independently (the system config's `BOX_SIZE`). Each block is read, run through the whole graph and let go
/// before the next, so memory follows the block, not the chunk; outputs are the same whatever the blocks.
public enum ChannelBlocks: Sendable, Hashable, CustomStringConvertible {
    /// The whole chunk at once (`BOX_SIZE` 0 or less).
    case wholeChunk
    /// This many channels per block (`BOX_SIZE` > 0, distpy's key).
    case channels(Int)
    /// `BOX_SIZE` left out: blocks of about `cacheSizedValues` values. A block that small is still in the cache when
    /// the next command reads it (the chunk is read block by block, each command's result is read back at once), and
    /// its buffers are reused from block to block instead of faulting in fresh pages: memory-bound commands run from
    /// the cache rather than at the memory's speed (docs/benchmarks.md, "Cache-sized channel blocks").
    case cacheSized

    /// 512 Ki values: 2 MiB of a float32 chunk, 4 MiB as float64 — within one core's share of the last-level cache
    /// with the command's output beside it. Measured on a 1000 × 10,000 float32 chunk (stepped rolling mean, best of
    /// 7): blocks of 25, 50, 100, 200 channels take 1.16, 1.07, 1.12, 1.13 ms; 500 channels 1.22 ms; the whole
    /// chunk 1.51 ms.
    public static let cacheSizedValues = 1 << 19

    /// The channels of one block of a chunk of `channels` channels whose blocks are read `samples` samples long
    /// (with the time halo) and `halo` channels wider than the block (the graph's channel halo, both sides):
    /// `cacheSized` keeps a block at least 4 halos wide, so the halo's re-read stays under a quarter of the block.
    public func channelsPerBlock(channels: Int, samples: Int, halo: Int) -> Int {
        let count = max(channels, 1)
        switch self {
        case .wholeChunk:
            return count
        case .channels(let n):
            return max(1, min(n, count))
        case .cacheSized:
            let fitting = Self.cacheSizedValues / max(samples, 1)
            return max(1, min(max(fitting, 4 * halo, 8), count))
        }
    }

    /// The rule where a block costs more than its bytes: on a compute device (CUDA) a block per few dozen channels
    /// would launch every kernel and copy every block that often, and from an object store (S3) each block is a
    /// ranged GET. Both keep distpy's 500 channels when `BOX_SIZE` is left out (the default before cache-sized
    /// blocks; within the device memory budget of docs/backends.md); a `BOX_SIZE` the config gives stays.
    public var withoutCacheSizing: ChannelBlocks {
        self == .cacheSized ? .channels(500) : self
    }

    /// The rule in a run's fingerprint: "whole", the channel count, or the cache-sized block's value count (the
    /// forms runs journalled before cache-sized blocks used for the first two, so their resume still matches).
    public var fingerprint: String {
        switch self {
        case .wholeChunk: "whole"
        case .channels(let n): String(n)
        case .cacheSized: "cache-sized-\(Self.cacheSizedValues)"
        }
    }

    /// What `BOX_SIZE` says, for messages.
    public var description: String {
        switch self {
        case .wholeChunk: "whole chunk"
        case .channels(let n): "\(n) channels (BOX_SIZE)"
        case .cacheSized:
            "cache-sized (about \(Self.cacheSizedValues / 1024) Ki values a block; 500 channels on a GPU or from S3; "
                + "BOX_SIZE not set)"
        }
    }
}
