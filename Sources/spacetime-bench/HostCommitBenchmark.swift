import ChatHost
import Foundation
import Logging
import NIOCore
import NIOPosix

/// `spacetime-bench host-commit [--senders 10,100] [--messages 200] [--client decode|light]`: N v2 clients connect to an
/// in-process host (its data directory on the temporary directory's disk, so every commit is a real
/// `fdatasync`) and send M messages each, all at once; each client waits for its own `ReducerResult`
/// before sending its next one (on its event loop: the reply's arrival sends the next call). Reports
/// committed messages/s for all senders together, how many transactions shared each sync, the process's
/// CPU time per message (host and clients together), and first the raw append+fdatasync latency of the
/// disk, which bounds what one sender can do. `--client light` makes the load generator cheaper (each
/// call encoded before the run, a reply recognised by its tag instead of decoded), so that more of the
/// shared CPU goes to the host; `decode`, the default, is the original method.
enum HostCommitBenchmark: Benchmark {
    static let name = "host-commit"
    static let summary = "host commit throughput: N concurrent senders, each awaiting its own ack, committed msg/s"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(arguments, known: ["--senders", "--messages", "--client"]),
            let mode = FanoutSubscriberMode(rawValue: given.text("--client") ?? "decode")
        else {
            FileHandle.standardError.write(
                Data("usage: spacetime-bench host-commit [--senders 10,100] [--messages N] [--client decode|light]\n".utf8))
            return 2
        }
        let senderCounts = given.text("--senders").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [10, 100]
        let messages = given.int("--messages", fallback: 200) ?? 200
        return runBlocking {
            do {
                for count in senderCounts {
                    print(DiskSyncProbe.summary(directory: FileManager.default.temporaryDirectory))
                    print(try await measure(senders: count, messages: messages, mode: mode))
                }
                return 0
            } catch {
                FileHandle.standardError.write(Data("host-commit: \(error)\n".utf8))
                return 1
            }
        }
    }

    static func measure(senders: Int, messages: Int, mode: FanoutSubscriberMode) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("host-commit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "host-commit")
        logger.logLevel = .error
        let host = try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: 0, logger: logger))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        var clients: [FanoutClient] = []
        for _ in 0..<senders {
            clients.append(try await FanoutClient.connect(group: group, port: host.port, mode: mode))
        }
        let syncsBefore = await host.commitLogSyncCount()
        let cpuBefore = ProcessCPUTime.nanoseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for (senderIndex, client) in clients.enumerated() {
                tasks.addTask {
                    try await client.sendSequence(count: messages, encodedAhead: mode == .light) { index in
                        "commit \(senderIndex) \(index)"
                    }
                }
            }
            try await tasks.waitForAll()
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(ProcessCPUTime.nanoseconds() - cpuBefore) / 1e3
        let syncs = await host.commitLogSyncCount() - syncsBefore
        for client in clients { try? await client.channel.close() }
        try await group.shutdownGracefully()
        await host.shutdown()
        let total = senders * messages
        return String(
            format: "client=\(mode.rawValue) senders=%d messages/sender=%d  committed=%d in %.2f s  %.0f committed msg/s  "
                + "syncs=%d (%.1f msg/sync, %.0f us/sync)  cpu=%.1f us/msg",
            senders, messages, total, elapsed, Double(total) / elapsed, syncs, Double(total) / Double(max(1, syncs)),
            elapsed * 1e6 / Double(max(1, syncs)), cpu / Double(total))
    }
}
