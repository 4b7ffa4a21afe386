import Foundation
import Testing

@testable import spacetime_bench

/// ``SocketFloorBenchmark`` over real loopback sockets: every reader gets every frame, once, as an
/// update, and the per-message table has a line per message; a run that ends early leaves no thread.
@Suite struct SocketFloorBenchmarkTests {
    @Test func theFrameReadsAsOneTransactionUpdate() {
        let frame = SocketFloorBenchmark.frame(bytes: 114)
        #expect(frame.count == 114)
        var frames: [ServerFrameScanner.Frame] = []
        var scanner = ServerFrameScanner()
        (frame + frame).withUnsafeBytes { scanner.scan($0) { frames.append($0) } }
        #expect(frames.map(\.opcode) == [0x2, 0x2])
        #expect(frames.allSatisfy { $0.isFinal && $0.head?.0 == 0 && $0.head?.1 == 4 })
        #expect(scanner.carried.isEmpty)
    }

    @Test func everyReaderGetsEveryMessage() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("floor-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try await SocketFloorBenchmark.measure(
            clients: 5, messages: 4, warmup: 2, rate: 1000, frameBytes: 114, perMessagePath: path)
        #expect(report.hasPrefix("socket-floor clients=5 messages=4 "))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        // One line per measured message: index, sent, first, median, last, with first <= median <= last.
        #expect(lines.count == 4)
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: " ").compactMap { UInt64($0) }
            #expect(fields.count == 5)
            guard fields.count == 5 else { continue }
            #expect(fields[0] == UInt64(index))
            #expect(fields[2] <= fields[3] && fields[3] <= fields[4])
        }
    }

    /// The names of this process's threads now.
    static func threadNames() -> [String] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    @Test func aCancelledRunStopsItsWritersAndReaders() async throws {
        // Paced at 1 message a second, so the run is still waking its writers when it is cancelled.
        let run = Task {
            try await SocketFloorBenchmark.measure(
                clients: 4, messages: 100, warmup: 1, rate: 1, frameBytes: 114, perMessagePath: nil,
                threadNames: ("cancel-write", "cancel-read"))
        }
        // Names of this run's own (other suites run benchmarks' threads at the same time).
        let benchmarkThreads = { Self.threadNames().filter { $0.hasPrefix("cancel-write-") || $0.hasPrefix("cancel-read-") } }
        // Every name seen over the wait, not one snapshot's.
        var started = Set<String>()
        for _ in 0..<500 {
            started.formUnion(benchmarkThreads())
            if started.count == 4 { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        try #require(started.count == 4, "the run's two writers and two readers never all started: \(started.sorted())")
        run.cancel()
        await #expect(throws: CancellationError.self) { _ = try await run.value }
        // The threads end once their pipes close; give them a moment (bounded) to go.
        for _ in 0..<500 where !benchmarkThreads().isEmpty { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(benchmarkThreads().isEmpty, "left running: \(benchmarkThreads())")
    }
}
