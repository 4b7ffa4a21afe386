import ChatHost
import Foundation
import Logging
import QuickstartChat
import SpacetimeDB

/// `spacetime-bench host-window [--messages 1000000] [--runs 9]`: a host whose log holds `--messages`
/// messages (one a second, ending now). Reports the host's start-up time (log replay until it serves),
/// and the cost of the row list a one-hour window (`sent >= now - 1h`), a one-hour time range one
/// hour back and the whole table select, against a query the `sent` order cannot help (`text = '…'`,
/// a scan of every row).
enum HostWindowBenchmark: Benchmark {
    static let name = "host-window"
    static let summary = "host: start-up with N messages, initial rows of a one-hour window, a time-range one-off"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(arguments, known: ["--messages", "--runs"]),
            let count = given.int("--messages", fallback: 1_000_000), let runs = given.int("--runs", fallback: 9), runs > 0
        else {
            FileHandle.standardError.write(Data("usage: spacetime-bench host-window [--messages N] [--runs N]\n".utf8))
            return 2
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stc-bench-window-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Timestamp.now().microsecondsSinceUnixEpoch
        do {
            let sender = User(identity: Identity(UInt256(UInt64(0xC200_0001))), name: "sender", online: false)
            let messages = (0..<count).map { index in
                Message(
                    sender: sender.identity, sent: Timestamp(microsecondsSinceUnixEpoch: now - Int64(count - index) * 1_000_000),
                    text: "history message number \(index) with some ordinary chat text")
            }
            try ChatHost.importRows(users: [sender], messages: messages, into: directory)
        } catch {
            FileHandle.standardError.write(Data("host-window: cannot seed: \(error)\n".utf8))
            return 1
        }
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let configuration = ChatHostConfiguration(dataDirectory: directory, port: 0, logger: logger)
        let started = ContinuousClock.now
        guard let host = runBlocking({ try? await ChatHost.start(configuration) }) else {
            FileHandle.standardError.write(Data("host-window: the host did not start\n".utf8))
            return 1
        }
        let startup = ContinuousClock.now - started
        defer { runBlocking { await host.shutdown() } }
        let tables = runBlocking { await host.tables() }
        let hourAgo = Timestamp(microsecondsSinceUnixEpoch: now - 3_600_000_000)
        let twoHoursAgo = Timestamp(microsecondsSinceUnixEpoch: now - 7_200_000_000)
        let cases: [(String, String)] = [
            ("one-hour window", "SELECT * FROM message WHERE sent >= \(SQLLiteral.timestamp(hourAgo))"),
            ("one-hour range an hour back",
             "SELECT * FROM message WHERE sent >= \(SQLLiteral.timestamp(twoHoursAgo)) AND sent < \(SQLLiteral.timestamp(hourAgo))"),
            ("scan (text = literal)", "SELECT * FROM message WHERE text = 'no such text'"),
            ("whole table (what `--since all` subscribes to)", "SELECT * FROM message"),
        ]
        var report = "host-window: \(count) messages, one a second ending now\n"
        report += "host start-up (log replay until serving): \(milliseconds(startup)) ms\n"
        for (label, sql) in cases {
            guard let query = try? SQLQuery.parse(sql).first else {
                FileHandle.standardError.write(Data("host-window: cannot parse \(sql)\n".utf8))
                return 1
            }
            // Timed: the row list a subscription or one-off query sends.
            var durations: [Duration] = []
            var bytes = 0
            for _ in 0..<runs {
                let start = ContinuousClock.now
                bytes = UpdateBuilder.rowList(of: query, in: tables).rowsData.count
                durations.append(ContinuousClock.now - start)
            }
            durations.sort()
            let rows = UpdateBuilder.rows(of: query, in: tables).count
            report += "\(label): \(rows) rows, \(bytes) bytes, median \(milliseconds(durations[durations.count / 2])) ms over \(runs) runs\n"
        }
        FileHandle.standardOutput.write(Data(report.utf8))
        return 0
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
