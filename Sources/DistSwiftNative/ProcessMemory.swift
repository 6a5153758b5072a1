import CDistShims

/// Process-wide allocator settings for distswift's access pattern: one chunk-sized buffer (tens of MB) after
/// another. By default glibc returns each freed buffer to the kernel, so the next chunk faults in and zeroes every
/// page again (52 000 page faults for 100 MB of PRODML ingest). Serving every allocation from the heap (no mmap,
/// since glibc caps the mmap threshold at 32 MB and a 500-channel float64 block is 40 MB) and trimming the heap
/// only above 128 MB makes the next chunk reuse the same pages: 12 000 faults instead of 52 000 in that ingest, and
/// a noise log on 1000-channel chunks spends 0.15 s instead of 0.46 s in the kernel (docs/benchmarks.md).
public enum ProcessMemory {
    /// Call once at process start, before the first chunk-sized allocation.
    public static func reuseChunkBuffers() {
        _ = dist_set_malloc_thresholds(32 << 20, 128 << 20, 0)
    }
}
