import CDistShims

/// Process-wide allocator settings for distswift's access pattern: one chunk-sized buffer (tens of MB) after
/// another. By default glibc returns each freed buffer to the kernel, so the next chunk faults in and zeroes every
/// page again (52 000 page faults for 100 MB of PRODML ingest). Keeping buffers up to 32 MB in the heap and trimming
/// it only above 128 MB makes the next chunk reuse the same pages (12 000 faults, 30 % less time; measured in
/// docs/benchmarks.md).
public enum ProcessMemory {
    /// Call once at process start, before the first chunk-sized allocation.
    public static func reuseChunkBuffers() {
        _ = dist_set_malloc_thresholds(32 << 20, 128 << 20)
    }
}
