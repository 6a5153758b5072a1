import Glibc

/// Chunk-sized arrays that a kernel writes once, from start to end. Swift's `Array(repeating:count:)` writes every
/// element twice, and a fresh 80 MB array costs 20,000 page faults of 4 KiB (about 30 ms, more than the arithmetic
/// of an element-wise command): these arrays are allocated uninitialised, and an array of 4 MiB or more asks the
/// kernel for 2 MiB transparent huge pages (`madvise(MADV_HUGEPAGE)`, as numpy does for its arrays), 40 faults
/// instead of 20,000. Memory that glibc hands out again (a worker's second chunk) is already mapped and unaffected.
public enum FreshBuffer {
    /// numpy's threshold for asking for huge pages.
    public static let hugePageThreshold = 4 << 20

    /// An array of `count` elements that `fill` must initialise, every one of them.
    @inlinable
    public static func array<T>(_ count: Int, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialised in
            preferHugePages(UnsafeMutableRawBufferPointer(out))
            fill(out)
            initialised = count
        }
    }

    /// Zeros, without Array(repeating:)'s element loop (for kernels that leave some elements at 0).
    @inlinable
    public static func zeros(_ count: Int) -> [Double] {
        array(count) { out in out.initialize(repeating: 0) }
    }

    /// Asks for huge pages on the whole 2 MiB pages inside `buffer` when it is large enough to have some. Harmless
    /// where THP is off (madvise fails and nothing changes) or the pages are already mapped.
    public static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        guard buffer.count >= hugePageThreshold, let base = buffer.baseAddress else { return }
        let page = UInt(2 << 20)
        let start = (UInt(bitPattern: base) + page - 1) & ~(page - 1)
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(page - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)
    }
}
