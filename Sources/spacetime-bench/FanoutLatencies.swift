import Foundation

/// The delivery latencies of a fan-out run: per subscriber, the latency of each measured message
/// (nanoseconds, in the order the messages were sent).
struct FanoutLatencies {
    let perSubscriber: [[UInt64]]
    private let sorted: [UInt64]

    init(perSubscriber: [[UInt64]]) {
        self.perSubscriber = perSubscriber
        sorted = perSubscriber.flatMap { $0 }.sorted()
    }

    /// From arrival times (uptime nanoseconds per update, after `warmup` unmeasured ones): the k-th
    /// measured update each subscriber received is the k-th measured message, sent at `sendTimes[k]`.
    init(arrivals: [[UInt64]], warmup: Int, sendTimes: [UInt64]) {
        self.init(perSubscriber: arrivals.map { zip(sendTimes, $0.dropFirst(warmup)).map { sent, arrived in arrived &- sent } })
    }

    /// The latency below which a fraction `p` of all deliveries fall, in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
    }

    /// Writes one line per measured message: its index, when it was sent (µs after `start`), and the
    /// first, median and last of its deliveries' latencies (µs). This shows whether a tail is every
    /// message's last subscribers or a stretch of slow messages (queueing, a stall).
    func writePerMessage(sendTimes: [UInt64], start: UInt64, to path: String) throws {
        var lines = "# message sent_us first_us median_us last_us\n"
        for (index, sent) in sendTimes.enumerated() {
            let row = perSubscriber.compactMap { index < $0.count ? $0[index] : nil }.sorted()
            guard let first = row.first, let last = row.last else { continue }
            lines += "\(index) \((sent &- start) / 1000) \(first / 1000) \(row[row.count / 2] / 1000) \(last / 1000)\n"
        }
        try Data(lines.utf8).write(to: URL(fileURLWithPath: path))
    }
}
