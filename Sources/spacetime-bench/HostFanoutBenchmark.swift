import ChatHost
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import QuickstartChat
import SpacetimeDB

/// `spacetime-bench host-fanout [--clients 10,100,500] [--messages 200] [--subscriber decode|light]`:
/// N v2 clients subscribe to `message` on an in-process host while one more client sends M messages,
/// one after another (each waits for its `ReducerResult`). Reports delivery latency (send → arrival at
/// each subscriber) p50/p99 and messages/s, and the process's CPU time per delivered message (host and
/// clients together, which does not depend on what else the machine runs). Everything runs over real
/// loopback sockets. `--subscriber` says what a subscriber does with an update
/// (``FanoutSubscriberMode``; `decode`, the default, is the original method).
enum HostFanoutBenchmark: Benchmark {
    static let name = "host-fanout"
    static let summary = "host fan-out: N subscribers, one sender, latency p50/p99 and messages/s"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(arguments, known: ["--clients", "--messages", "--subscriber"]),
            let mode = FanoutSubscriberMode(rawValue: given.text("--subscriber") ?? "decode")
        else {
            FileHandle.standardError.write(
                Data(
                    "usage: spacetime-bench host-fanout [--clients 10,100,500] [--messages N] [--subscriber decode|light]\n"
                        .utf8))
            return 2
        }
        let clientCounts = given.text("--clients").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [10, 100, 500]
        let messages = given.int("--messages", fallback: 200) ?? 200
        return runBlocking {
            do {
                for count in clientCounts {
                    let report = try await measure(clients: count, messages: messages, mode: mode)
                    print(report)
                }
                return 0
            } catch {
                FileHandle.standardError.write(Data("host-fanout: \(error)\n".utf8))
                return 1
            }
        }
    }

    static func measure(clients: Int, messages: Int, mode: FanoutSubscriberMode) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("host-fanout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "host-fanout")
        logger.logLevel = .error
        let host = try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: 0, logger: logger))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let latencies = NIOLockedValueBox<[UInt64]>([])
        let expected = clients * messages
        let allDelivered = group.next().makePromise(of: Void.self)
        let delivered = NIOLockedValueBox(0)

        var subscribers: [FanoutClient] = []
        for _ in 0..<clients {
            let client = try await FanoutClient.connect(group: group, port: host.port, mode: mode) { sentNanos in
                if mode == .decode {
                    let now = DispatchTime.now().uptimeNanoseconds
                    latencies.withLockedValue { $0.append(now &- sentNanos) }
                }
                let total = delivered.withLockedValue { value -> Int in
                    value += 1
                    return value
                }
                if total == expected { allDelivered.succeed(()) }
            }
            try await client.subscribe()
            subscribers.append(client)
        }
        let sender = try await FanoutClient.connect(group: group, port: host.port) { _ in }
        let cpuBefore = ProcessCPUTime.nanoseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        var sendTimes: [UInt64] = []
        for index in 0..<messages {
            let sent = DispatchTime.now().uptimeNanoseconds
            sendTimes.append(sent)
            try await sender.send(text: "bench \(sent) \(index)", requestId: UInt32(index))
        }
        try await allDelivered.futureResult.get()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(ProcessCPUTime.nanoseconds() - cpuBefore) / 1e3
        if mode == .light {
            // The k-th update each subscriber received is the sender's k-th message.
            for client in subscribers {
                let arrivals = try await client.arrivals()
                latencies.withLockedValue { values in
                    for (index, arrived) in arrivals.enumerated() where index < sendTimes.count {
                        values.append(arrived &- sendTimes[index])
                    }
                }
            }
        }
        for client in subscribers + [sender] { try? await client.channel.close() }
        try await group.shutdownGracefully()
        await host.shutdown()

        let sorted = latencies.withLockedValue { $0 }.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
        }
        let figures = String(
            format: "clients=%d messages=%d  latency p50=%.2f ms p99=%.2f ms  sent=%.0f msg/s  delivered=%.0f msg/s  "
                + "cpu=%.1f us/delivery",
            clients, messages, percentile(0.50), percentile(0.99), Double(messages) / elapsed, Double(expected) / elapsed,
            cpu / Double(expected))
        return "subscriber=\(mode.rawValue) \(figures)"
    }
}
