import Foundation

/// One `fdatasync` of the commit log, taken when the records it covers were written: it can run on a
/// thread of its own while the engine writes the next records (they are not covered by it).
struct SyncRequest: Sendable {
    /// The log's file descriptor (open until the request's outcome was recorded).
    let descriptor: Int32
    /// The file size when the request was made: every byte before it is durable once the sync succeeded.
    let coveredSize: off_t

    /// Runs the `fdatasync`; returns 0, or the `errno` it failed with.
    func run() -> Int32 {
        while fdatasync(descriptor) != 0 {
            if errno != EINTR { return errno }
        }
        return 0
    }
}
