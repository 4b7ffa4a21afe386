import Foundation

/// The raw cost of what the host waits for on each group commit: append a small record to a file and
/// `fdatasync` it, on the disk the benchmark's data directory is on. The ceiling of a sender that waits
/// for its own acknowledgement is one message per such sync.
enum DiskSyncProbe {
    /// Latencies of `count` append+fdatasync rounds of `recordBytes` each, in microseconds, sorted;
    /// empty if the file could not be written.
    static func latencies(directory: URL, count: Int, recordBytes: Int = 120) -> [Double] {
        let path = directory.appendingPathComponent("sync-probe-\(UUID().uuidString)").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return [] }
        defer {
            close(descriptor)
            unlink(path)
        }
        let record = [UInt8](repeating: 0x5A, count: recordBytes)
        var results: [Double] = []
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            let written = record.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == recordBytes, fdatasync(descriptor) == 0 else { return [] }
            results.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000)
        }
        return results.sorted()
    }

    /// One line: p50, p90, mean and the syncs per second they allow.
    static func summary(directory: URL, count: Int = 300) -> String {
        let sorted = latencies(directory: directory, count: count)
        guard !sorted.isEmpty else { return "raw fdatasync: could not measure" }
        let mean = sorted.reduce(0, +) / Double(sorted.count)
        return String(
            format: "raw append+fdatasync (%d rounds): p50=%.0f us p90=%.0f us mean=%.0f us  -> %.0f syncs/s",
            sorted.count, sorted[sorted.count / 2], sorted[sorted.count * 9 / 10], mean, 1e6 / mean)
    }
}
