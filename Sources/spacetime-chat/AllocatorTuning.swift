#if os(Linux)
import CMalloc
#endif

/// glibc allocator settings for a client that loads a whole history at once.
///
/// Loading a subscription makes big short-lived buffers (the frame, its decompressed bytes, the
/// decoded rows, the rows handed to the model). glibc's default raises its mmap threshold each time a
/// mapped block is freed, so later big buffers come from the heap, which keeps their pages once they
/// are freed: with 100k messages the client stayed 23 MB above what it used (85 MB RSS where 62 MB
/// with a fixed threshold; `malloc_trim` after loading did not give those pages back).
enum AllocatorTuning {
    /// Blocks of this size and more get their own mapping, returned to the system when freed.
    static let mappedBlockThreshold: Int32 = 128 * 1024

    /// Fixes the mmap threshold (which also stops glibc from raising it). Call before any big
    /// allocation. Returns whether the allocator took the setting (always false off Linux).
    @discardableResult
    static func keepLargeBlocksMapped() -> Bool {
        #if os(Linux)
        return mallopt(M_MMAP_THRESHOLD, mappedBlockThreshold) == 1
        #else
        return false
        #endif
    }
}
