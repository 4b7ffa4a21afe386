import Foundation

/// CPU time this process used (every thread, user + system), for benchmarks that share the machine:
/// CPU per message is what the code costs, whatever else runs; wall-clock rates also measure the load.
enum ProcessCPUTime {
    /// User plus system CPU time since the process started, in nanoseconds.
    static func nanoseconds() -> UInt64 {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func nanos(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1_000 }
        return nanos(usage.ru_utime) + nanos(usage.ru_stime)
    }
}
