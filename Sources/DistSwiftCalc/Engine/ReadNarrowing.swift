import DistSwiftIO

/// The part of its input a selection keeps, when that part is one block: channels `rows` and samples `columns`
/// (indices into the input as the command sees it).
public struct KeptBlock: Sendable, Equatable, CustomStringConvertible {
    public var rows: Range<Int>
    public var columns: Range<Int>

    public init(rows: Range<Int>, columns: Range<Int>) {
        self.rows = rows
        self.columns = columns
    }

    public var description: String { "channels \(rows), samples \(columns)" }
}

/// A command that keeps a block of its input and computes nothing else (`select`, `clip`, `extract`). When every
/// reader of the chunk is such a command and they keep the same block, the engine reads only that block from the
/// store (a channel range is one contiguous read of a chunk file; a sample range one read per channel) and hands
/// each reader the kept values: the command's copy disappears and the read shrinks with the selection — a depth
/// interval of a long fibre reads a fraction of the chunk (`GraphRunner`, `GraphPlan.narrowedReaders`).
public protocol ReadNarrowingCommand: Command {
    /// The block of `input` (the axes the command receives) that the output is made of, in order and whole, or
    /// nil when the output is not one block of it (a reversed loop, lags of a correlation).
    func keptBlock(of input: Axes) -> KeptBlock?
    /// The output, given exactly the kept block of the input (in the precision the engine hands the command its
    /// input): must equal `execute` on the whole input, bit for bit.
    func result(ofKept block: Signal, context: ChunkContext) throws -> Signal
}

extension ReadNarrowingCommand {
    /// A selection's output as its `execute` gives it: float32 values stay float32 where it returns float32
    /// (`returnsFloat32`: a float32 graph, or a selection that keeps input values) and are widened (exactly)
    /// otherwise.
    public func result(ofKept block: Signal, context: ChunkContext) throws -> Signal {
        if returnsFloat32(context), case .singleReal = block { return block }
        return block.canonical()
    }
}

extension GraphPlan {
    /// The nodes that read the chunk when all of them are selections reading only the chunk
    /// (`ReadNarrowingCommand`), so that the chunk read may be narrowed to the block they keep; nil otherwise.
    /// Whether it is narrowed is decided per chunk, from the axes: the readers must agree on one block, and a
    /// sample range is read only when no time halo is read around the chunk.
    public var narrowedReaders: [Int]? {
        let readers = nodes.filter { $0.inputs.contains(.chunk) }
        guard !readers.isEmpty,
              readers.allSatisfy({ $0.inputs == [.chunk] && $0.command is any ReadNarrowingCommand })
        else { return nil }
        return readers.map(\.index)
    }

    /// The block of a chunk read with `axes` that every narrowed reader keeps, when they keep the same one; nil
    /// when they differ or one keeps no single block.
    func agreedBlock(readers: [Int], of axes: Axes) -> KeptBlock? {
        var agreed: KeptBlock?
        for index in readers {
            guard let command = nodes[index].command as? any ReadNarrowingCommand,
                  let block = command.keptBlock(of: axes), agreed == nil || agreed == block else { return nil }
            agreed = block
        }
        return agreed
    }

    /// The axes a chunk reader receives: rows `rows` of the frame's channels over the segment's samples `samples`,
    /// cut to the chunk's own samples `trimmedTo` (a reader that is not windowed has its input trimmed).
    static func readerAxes(frame: ChunkFrame, rows: Range<Int>, samples: Range<Int>, trimmedTo own: Range<Int>?)
        -> Axes
    {
        var axes = Axes.chunk(positions: frame.positions, channels: rows, segmentOriginNs: frame.segmentOriginNs,
                              rateHz: frame.rateHz, firstSample: samples.lowerBound, samples: samples.count,
                              units: frame.units)
        if let own, own != samples {
            axes.columns = axes.columns.slice((own.lowerBound - samples.lowerBound)..<(own.upperBound - samples.lowerBound))
        }
        return axes
    }
}
