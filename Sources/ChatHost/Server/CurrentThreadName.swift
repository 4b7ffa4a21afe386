import Foundation

/// Names the calling thread, as `top -H`, `perf` and `/proc/<pid>/task/*/comm` show it.
///
/// Foundation's `Thread.name` cannot be relied on for this on Linux: its setter names the OS thread
/// only once `start()` has stored the thread's handle, which the new thread can run ahead of (it
/// then stays unnamed), and before `start()` it does nothing at all.
package enum CurrentThreadName {
    /// The kernel keeps 15 bytes of a thread's name.
    static let limit = 15

    /// Sets the calling thread's name to `name`, cut to 15 bytes at a character boundary. Best effort:
    /// a system without `/proc/thread-self` leaves the name as it was.
    package static func set(_ name: String) {
        var bytes = 0
        let kept = name.prefix { character in
            bytes += character.utf8.count
            return bytes <= limit
        }
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { _ = close(descriptor) }
        let text = Array(kept.utf8)
        _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}
