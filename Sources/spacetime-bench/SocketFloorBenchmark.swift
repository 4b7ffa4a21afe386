import Foundation
import NIOPosix

/// `spacetime-bench socket-floor [--clients 1000] [--messages 400] [--warmup 20] [--rate 100] [--frame-bytes 114] [--per-message PATH]`:
/// what `host-fanout --subscriber raw` would measure if the host cost nothing but its socket writes.
///
/// N loopback TCP connections; two writer threads (the host's two event loops) each write one
/// `--frame-bytes` WebSocket frame (114 bytes: the size of a `host-fanout` update) to each of their
/// sockets on every message, and the same two plain-socket epoll loops as the `raw` subscribers
/// read them (``PlainSubscriberLoop``). No commit, no engine, no NIO: the latencies are the
/// machine's floor for one update to N subscribers on the same cores (the kernel's TCP send, the
/// loopback receive, the wake-ups, the reads and their ACKs), and the difference from `host-fanout`
/// at the same rate is what the host adds.
enum SocketFloorBenchmark: Benchmark {
    static let name = "socket-floor"
    static let summary = "host-fanout's floor: N sockets written by two threads, read by two epoll loops"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(
            arguments, known: ["--clients", "--messages", "--warmup", "--rate", "--frame-bytes", "--per-message"]),
            let clients = given.int("--clients", fallback: 1000), clients > 0,
            let messages = given.int("--messages", fallback: 400),
            let warmup = given.int("--warmup", fallback: 20),
            let rate = given.int("--rate", fallback: 100), rate > 0,
            let frameBytes = given.int("--frame-bytes", fallback: 114), frameBytes >= 4, frameBytes < 127
        else {
            FileHandle.standardError.write(
                Data(
                    ("usage: spacetime-bench socket-floor [--clients N] [--messages N] [--warmup N] [--rate R > 0] "
                        + "[--frame-bytes 4..126] [--per-message PATH]\n").utf8))
            return 2
        }
        return runBlocking {
            do {
                print(
                    try await measure(
                        clients: clients, messages: messages, warmup: warmup, rate: rate, frameBytes: frameBytes,
                        perMessagePath: given.text("--per-message")))
                return 0
            } catch {
                FileHandle.standardError.write(Data("socket-floor: \(error)\n".utf8))
                return 1
            }
        }
    }

    /// A binary frame of `bytes` bytes in all whose payload starts as a v2 `TransactionUpdate` does
    /// (envelope 0, tag 4), so the readers count it as one.
    static func frame(bytes: Int) -> [UInt8] {
        [0x82, UInt8(bytes - 2), 0, 4] + [UInt8](repeating: 0x5A, count: bytes - 4)
    }

    /// Runs the benchmark; its threads are named `threadNames.writer-0`, `-1` and `threadNames.reader-0`, `-1`.
    static func measure(
        clients: Int, messages: Int, warmup: Int, rate: Int, frameBytes: Int, perMessagePath: String?,
        threadNames: (writer: String, reader: String) = ("floor-write", "fanout-sub")
    ) async throws -> String {
        // Connection k: its server end to writer k % 2, its client end to reader k % 2 (as the host
        // hands its accepted connections to its two loops in turn).
        let (listener, port) = try PlainSocket.listen()
        var serverEnds: [[PlainSocket]] = [[], []]
        var clientEnds: [[PlainSocket]] = [[], []]
        do {
            for index in 0..<clients {
                clientEnds[index % 2].append(try PlainSocket.connect(port: port))
                serverEnds[index % 2].append(try listener.accept())
            }
        } catch {
            for socket in (serverEnds + clientEnds).joined() { socket.close() }
            listener.close()
            throw error
        }
        listener.close()
        let frame = frame(bytes: frameBytes)
        var writers: [SocketFloorWriter] = []
        // Each writer owns its server ends from the moment it exists; on every way out of here it is
        // stopped, which closes them, so a failure leaves no thread writing.
        defer { for writer in writers { writer.stop() } }
        do {
            for index in 0..<2 {
                writers.append(try SocketFloorWriter(sockets: serverEnds[index], frame: frame, name: "\(threadNames.writer)-\(index)"))
            }
        } catch {
            for socket in serverEnds[writers.count...].joined() { socket.close() }
            for socket in clientEnds.joined() { socket.close() }
            throw error
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let milestones = [warmup, warmup + messages]
        let reached = FanoutMilestones(count: milestones.count, clients: clients, on: group.next())
        let readerSockets = clientEnds
        let readers: PlainSubscriberGroup
        do {
            readers = try await PlainSubscriberGroup.start(
                threads: 2, on: group.next(), milestones: milestones, onMilestone: { reached.report($0) },
                onFailure: { reached.fail($0) }, threadName: threadNames.reader
            ) { index, loop throws(PlainSocketError) in
                for socket in readerSockets[index] { try loop.add(connected: socket) }
            }
        } catch {
            reached.fail(error)
            try? await group.shutdownGracefully()
            throw error
        }
        let latencies: FanoutLatencies
        let sendTimes: [UInt64]
        let start: UInt64
        let cpu: Double
        do {
            (sendTimes, start, cpu) = try await pace(
                writers: writers, messages: messages, warmup: warmup, rate: rate, reached: reached)
            latencies = FanoutLatencies(arrivals: try await readers.stop(), warmup: warmup, sendTimes: sendTimes)
        } catch {
            reached.fail(error)  // no milestone promise is left pending on the loop
            _ = try? await readers.stop()
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
        if let path = perMessagePath { try latencies.writePerMessage(sendTimes: sendTimes, start: start, to: path) }
        return String(
            format: "socket-floor clients=%d messages=%d  latency p50=%.2f ms p99=%.2f ms  cpu=%.1f us/delivery  "
                + "(%d-byte frames, at most %d msg/s)",
            clients, messages, latencies.percentile(0.50), latencies.percentile(0.99),
            cpu / Double(max(1, clients * messages)), frameBytes, rate)
    }

    /// Wakes the writers for the warm-up, then for each measured message at `rate`, and waits until
    /// every reader has had them all; returns the send times, the start and the process's CPU time
    /// over the measured messages, in microseconds.
    private static func pace(
        writers: [SocketFloorWriter], messages: Int, warmup: Int, rate: Int, reached: FanoutMilestones
    ) async throws -> (sendTimes: [UInt64], start: UInt64, cpu: Double) {
        for index in 0..<warmup {
            if index > 0 { try await Task.sleep(nanoseconds: 1_000_000_000 / UInt64(rate)) }
            for writer in writers { writer.wake() }
        }
        if warmup == 0 { reached.pass(0) }
        try await reached.wait(for: 0)

        let cpuBefore = ProcessCPUTime.nanoseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        var sendTimes: [UInt64] = []
        for index in 0..<messages {
            let slot = start + UInt64(index) * 1_000_000_000 / UInt64(rate)
            let now = DispatchTime.now().uptimeNanoseconds
            if slot > now { try await Task.sleep(nanoseconds: slot - now) }
            sendTimes.append(DispatchTime.now().uptimeNanoseconds)
            for writer in writers { writer.wake() }
        }
        if messages == 0 { reached.pass(1) }
        try await reached.wait(for: 1)
        return (sendTimes, start, Double(ProcessCPUTime.nanoseconds() - cpuBefore) / 1e3)
    }
}
