import ChatHost
import Foundation
import Logging
import NIOCore
import NIOPosix
import QuickstartChat
import SpacetimeDB

/// `spacetime-bench host-fanout [--clients 10,100,500] [--messages 200] [--warmup 20] [--rate 0] [--subscriber decode|light|raw] [--confirmed true|false] [--per-message PATH]`:
/// N v2 clients subscribe to `message` on an in-process host while one more client sends M messages,
/// one after another (each waits for its `ReducerResult`). Reports delivery latency (send → arrival at
/// each subscriber) p50/p99 and messages/s, and the process's CPU time per delivered message (host and
/// clients together, which does not depend on what else the machine runs). Everything runs over real
/// loopback sockets. `--subscriber` says what a subscriber does with an update
/// (``FanoutSubscriberMode``; `decode`, the default, is the original method).
///
/// The first `--warmup` messages (default 20) are sent and received by every subscriber before the
/// measured ones, and are not measured: the first updates on a thousand fresh connections pay
/// one-time costs (first buffers, first reads), and the report says how long the warm-up took.
///
/// Unpaced (`--rate 0`, the default), the sender sends each message as soon as the previous one's
/// result is back, which keeps the machine saturated: each message is delivered while the last ones
/// still are, so the figures include queueing behind earlier messages. `--rate R` sends at most R
/// measured messages a second (still each after the previous result), for the latency at a load the
/// machine can carry. Unpaced, the sender is not held back by the fan-out (its result comes back
/// first), so once the subscribers cost less than the sender's pace, messages queue behind each
/// other and the latency measures that queue: compare subscriber modes at a `--rate`.
///
/// `--confirmed false` connects the subscribers with `confirmed=false` (unconfirmed reads: each update
/// is sent when the transaction is written, before its `fdatasync`); the sender always waits for
/// durability.
///
/// `--per-message PATH` writes each measured message's first, median and last delivery latency
/// (with several `--clients` counts, to `PATH.<count>`).
enum HostFanoutBenchmark: Benchmark {
    static let name = "host-fanout"
    static let summary = "host fan-out: N subscribers, one sender, latency p50/p99 and messages/s"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(arguments, known: ["--clients", "--messages", "--warmup", "--rate", "--subscriber", "--confirmed", "--per-message"]),
            let mode = FanoutSubscriberMode(rawValue: given.text("--subscriber") ?? "decode"),
            let confirmed = Bool(given.text("--confirmed") ?? "true")
        else {
            FileHandle.standardError.write(
                Data(
                    "usage: spacetime-bench host-fanout [--clients 10,100,500] [--messages N] [--warmup N] [--rate R] [--subscriber decode|light|raw] [--confirmed true|false] [--per-message PATH]\n"
                        .utf8))
            return 2
        }
        let clientCounts = given.text("--clients").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [10, 100, 500]
        let messages = given.int("--messages", fallback: 200) ?? 200
        let warmup = max(0, given.int("--warmup", fallback: 20) ?? 20)
        let rate = max(0, given.int("--rate", fallback: 0) ?? 0)
        let perMessagePath = given.text("--per-message")
        return runBlocking {
            do {
                for count in clientCounts {
                    let report = try await measure(
                        clients: count, messages: messages, warmup: warmup, rate: rate, mode: mode, confirmed: confirmed,
                        perMessagePath: clientCounts.count == 1 ? perMessagePath : perMessagePath.map { "\($0).\(count)" })
                    print(report)
                }
                return 0
            } catch {
                FileHandle.standardError.write(Data("host-fanout: \(error)\n".utf8))
                return 1
            }
        }
    }

    static func measure(
        clients: Int, messages: Int, warmup: Int, rate: Int, mode: FanoutSubscriberMode, confirmed: Bool = true,
        perMessagePath: String? = nil
    ) async throws -> String {
        let query = "compression=None&confirmed=\(confirmed)"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("host-fanout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "host-fanout")
        logger.logLevel = .error
        let host = try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: 0, logger: logger))
        // The raw subscribers run on their own threads; the NIO group then carries only the sender.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: mode == .raw ? 1 : 2)
        let expected = clients * messages
        // Each subscriber reports twice (warm-up received, everything received), not on every arrival.
        let milestones = [warmup, warmup + messages]
        let reached = FanoutMilestones(count: milestones.count, clients: clients, on: group.next())
        let onMilestone: @Sendable (Int) -> Void = { reached.report($0) }
        var subscribers: [FanoutClient] = []
        var plainSubscribers: PlainSubscriberGroup?
        if mode == .raw {
            plainSubscribers = try await PlainSubscriberGroup.start(
                clients: clients, threads: 2, port: host.port, on: group.next(), milestones: milestones,
                onMilestone: onMilestone, onFailure: { reached.fail($0) }, query: query)
        } else {
            for _ in 0..<clients {
                let client = try await FanoutClient.connect(
                    group: group, port: host.port, mode: mode, milestones: milestones, onMilestone: onMilestone, query: query)
                try await client.subscribe()
                subscribers.append(client)
            }
        }
        let sender = try await FanoutClient.connect(group: group, port: host.port)
        let warmupStart = DispatchTime.now().uptimeNanoseconds
        for index in 0..<warmup {
            try await sender.send(text: "warmup \(DispatchTime.now().uptimeNanoseconds) \(index)", requestId: UInt32(index))
        }
        if warmup == 0 { reached.pass(0) }
        try await reached.wait(for: 0)
        let warmupTime = Double(DispatchTime.now().uptimeNanoseconds - warmupStart) / 1e6

        let cpuBefore = ProcessCPUTime.nanoseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        var sendTimes: [UInt64] = []
        for index in 0..<messages {
            if rate > 0 {
                let slot = start + UInt64(index) * 1_000_000_000 / UInt64(rate)
                let now = DispatchTime.now().uptimeNanoseconds
                if slot > now { try await Task.sleep(nanoseconds: slot - now) }
            }
            let sent = DispatchTime.now().uptimeNanoseconds
            sendTimes.append(sent)
            try await sender.send(text: "bench \(sent) \(index)", requestId: UInt32(warmup + index))
        }
        if messages == 0 { reached.pass(1) }
        try await reached.wait(for: 1)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(ProcessCPUTime.nanoseconds() - cpuBefore) / 1e3
        var samples: [[UInt64]] = []
        for client in subscribers { samples.append(try await client.samples()) }
        if let plainSubscribers { samples += try await plainSubscribers.stop() }
        let latencies: FanoutLatencies
        switch mode {
        case .decode:
            // Each sample is already a latency (arrival minus the send time in the row's text).
            latencies = FanoutLatencies(perSubscriber: samples.map { Array($0.dropFirst(warmup)) })
        case .light, .raw:
            latencies = FanoutLatencies(arrivals: samples, warmup: warmup, sendTimes: sendTimes)
        }
        if let path = perMessagePath { try latencies.writePerMessage(sendTimes: sendTimes, start: start, to: path) }
        for client in subscribers + [sender] { try? await client.channel.close() }
        try await group.shutdownGracefully()
        await host.shutdown()

        let figures = String(
            format: "clients=%d messages=%d  latency p50=%.2f ms p99=%.2f ms  sent=%.0f msg/s  delivered=%.0f msg/s  "
                + "cpu=%.1f us/delivery  (warm-up: %d messages in %.0f ms; ",
            clients, messages, latencies.percentile(0.50), latencies.percentile(0.99), Double(messages) / elapsed, Double(expected) / elapsed,
            cpu / Double(expected), warmup, warmupTime)
        let pace = rate > 0 ? "at most \(rate) msg/s)" : "unpaced)"
        return "subscriber=\(mode.rawValue)\(confirmed ? "" : " unconfirmed") \(figures)\(pace)"
    }
}
