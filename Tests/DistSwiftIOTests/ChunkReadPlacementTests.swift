import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Chunk reads that place each row of each file straight into the result (`NativeFile.gather`): a chunk with its
/// time halo from both neighbours, and a block of rows and columns, against values known by construction — in the
/// store's own type (placed reads) and converted to the other float type (the read-then-copy path).
@Suite("Chunk reads placed row by row")
struct ChunkReadPlacementTests {
    /// Three distpy-layout chunks of 12 × 2000 whose value at (row, sample of the record) is row * 10⁴ + sample.
    static func store(dtype: String) throws -> (TemporaryFolder, ChunkStore) {
        let folder = try TemporaryFolder()
        try PythonReference.check("""
            import sys, numpy as np
            d, dtype = sys.argv[1], sys.argv[2]
            for k, t in enumerate((1582977600, 1582977601, 1582977602)):
                rows = np.arange(12)[:, None] * 10000 + np.arange(2000)[None, :] + 2000 * k
                np.save(f'{d}/{t}.npy', rows.astype(dtype))
            """, arguments: [folder.path, dtype])
        return (folder, try ChunkStore.open(LocalStorage(root: folder.path), distpyDefaults: .init(prf: 2000)))
    }

    static func expected<T: BinaryFloatingPoint>(rows: Range<Int>, samples: Range<Int>, as: T.Type) -> [T] {
        rows.flatMap { r in samples.map { T(r * 10_000 + $0) } }
    }

    @Test("a halo from both neighbours, a block, in the stored type and converted",
          .enabled(if: PythonReference.isAvailable, "needs python3 with numpy"),
          arguments: ["float32", "float64"])
    func placedReads(dtype: String) throws {
        let (folder, store) = try Self.store(dtype: dtype)
        defer { withExtendedLifetime(folder) {} }  // the files stay until the reads are done
        let timeline = ChunkTimeline(chunks: store.chunks, samplingRateHz: 2000)
        for (before, after) in [(150, 37), (0, 5), (2500, 0), (0, 0)] {
            let (a, read) = try store.readExtended(chunkAt: 1, channels: 3..<7, before: before, after: after,
                                                   timeline: timeline, as: Float.self)
            let wanted = max(0, 2000 - before)..<(4000 + after)
            #expect(read == wanted)
            #expect(a.rows == 4 && a.columns == wanted.count)
            #expect(a.values == Self.expected(rows: 3..<7, samples: wanted, as: Float.self))
            let (b, _) = try store.readExtended(chunkAt: 1, channels: 3..<7, before: before, after: after,
                                                timeline: timeline, as: Double.self)
            #expect(b.values == Self.expected(rows: 3..<7, samples: wanted, as: Double.self))
        }
        let file = try store.array(store.chunks[2])
        let block = try file.readBlock(rows: 2..<5, columns: 10..<1990, as: Float.self)
        #expect(block.values == Self.expected(rows: 2..<5, samples: 4010..<5990, as: Float.self))
        let widened = try file.readBlock(rows: 11..<12, columns: 0..<1, as: Double.self)
        #expect(widened.values == [114_000])
    }
}
