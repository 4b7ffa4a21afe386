import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization

/// The SDK's receive path end to end, without sockets: frames go through the connection's inbox,
/// decoding, the client cache and row callbacks, drained with `frameTick()`.
///
/// 1. an initial subscription of 100k `message` and 1k `user` rows (one SubscribeMultiApplied / SubscribeApplied);
/// 2. 10k small transactions from another client, one `message` insert each.
///
/// Memory: the RSS just before the initial frame and just after it is applied, while the frame itself
/// is held by the benchmark on both sides. The growth is only clean in a process's first run (later
/// runs reuse memory an earlier run freed), so it is reported for the first run, and `--protocol v1`,
/// `v2` or `v3` gives each protocol a fresh process. A v3 frame here carries one message, so its bytes
/// are the v2 frame's; what differs is the connection's decoding path.
///
/// Time: wall-clock, and the CPU time of the thread that applies the frames (`CLOCK_THREAD_CPUTIME_ID`),
/// which other processes on a shared machine inflate much less than wall-clock (they take the core away
/// rather than add to this thread's time; shared caches still cost something).
enum SDKBenchmark: Benchmark {
    static let name = "sdk"
    static let summary = "SDK apply path: 100k+1k-row initial subscription, then 10k small transactions (rows/s, tx/s, cache memory)"

    /// What one run measured.
    struct Measurement {
        /// Seconds to apply the initial subscription.
        var subscribe: Double
        /// Seconds to apply the 10k transactions.
        var transactions: Double
        /// Resident bytes after the initial subscription minus before it.
        var residentGrowth: Int
        /// This thread's CPU seconds for the initial subscription.
        var subscribeCPU: Double = 0
        /// This thread's CPU seconds for the 10k transactions.
        var transactionsCPU: Double = 0
    }

    /// A transport that only records the connection's event sink; the benchmark plays the server.
    final class Connector: TransportConnector {
        /// The event sink, boxed in a struct so reading it back from the mutex needs no closure reabstraction.
        struct Sink: Sendable {
            let send: @Sendable (TransportEvent) -> Void
        }
        let sink = Mutex<Sink?>(nil)

        final class Transport: SpacetimeTransport {
            func send(_ message: [UInt8]) {}
            func close() {}
        }

        func connect(_ request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void) -> any SpacetimeTransport {
            sink.withLock { $0 = Sink(send: onEvent) }
            return Transport()
        }

        func deliver(_ event: TransportEvent) { sink.withLock { $0 }?.send(event) }
    }

    static func run(arguments: [String]) -> Int32 {
        let versionsByName: [String: [ProtocolVersion]] = ["v1": [.v1], "v2": [.v2], "v3": [.v3], "both": [.v1, .v2]]
        guard let given = BenchmarkArguments(arguments, known: ["--runs", "--rows", "--protocol"]),
            let versions = versionsByName[given.text("--protocol") ?? "both"]
        else {
            FileHandle.standardError.write(Data("usage: spacetime-bench sdk [--runs N] [--rows N] [--protocol v1|v2|v3|both]\n".utf8))
            return 2
        }
        let runs = given.int("--runs", fallback: 5) ?? 5
        let messageRows = given.int("--rows", fallback: 100_000) ?? 100_000
        let messages = BSATNBenchmark.makeRows(count: messageRows)
        var users: [User] = []
        for index in 0..<1_000 {
            let identity = Identity(UInt256(UInt64(0xC200_0000_0000_0000) | UInt64(index)))
            let name: String? = index % 3 == 0 ? nil : "user \(index)"
            users.append(User(identity: identity, name: name, online: index % 2 == 0))
        }
        let me = Identity(UInt256(UInt64(0xC200_FFFF_0000_0001)))
        let other = Identity(UInt256(UInt64(0xC200_FFFF_0000_0002)))
        let rowBytes = messages.reduce(0) { $0 + $1.bsatnBytes().count } + users.reduce(0) { $0 + $1.bsatnBytes().count }
        print("spacetime-bench sdk: \(messageRows) message + \(users.count) user rows (\(megabytes(rowBytes)) MB of BSATN), 10000 transactions, median of \(runs) runs")
        for version in versions {
            var results: [Measurement] = []
            for _ in 0..<runs {
                results.append(measure(version: version, messages: messages, users: users, me: me, other: other))
            }
            let subscribe = results.map(\.subscribe).sorted()[runs / 2]
            let transactions = results.map(\.transactions).sorted()[runs / 2]
            let rows = Double(messageRows + users.count)
            print(String(
                format: "  %@  initial subscription: %7.1f ms  %6.2f M rows/s   |  10k transactions: %7.1f ms  %8.0f tx/s",
                version.rawValue, subscribe * 1000, rows / subscribe / 1e6, transactions * 1000, 10_000 / transactions))
            let subscribeCPU = results.map(\.subscribeCPU).sorted()[runs / 2]
            let transactionsCPU = results.map(\.transactionsCPU).sorted()[runs / 2]
            print(String(
                format: "      thread CPU time: initial subscription %7.1f ms  %6.2f M rows/s   |  10k transactions: %7.1f ms",
                subscribeCPU * 1000, rows / subscribeCPU / 1e6, transactionsCPU * 1000))
            // Only the process's first run starts from a heap no earlier run has left free memory in.
            let growth = results[0].residentGrowth
            print(version == versions[0]
                ? "      RSS growth over the initial subscription: +\(megabytes(growth)) MB, "
                    + String(format: "%.2f× the rows' BSATN (the process's first run)", Double(growth) / Double(rowBytes))
                : "      RSS growth: run with --protocol \(version.rawValue) alone")
        }
        return 0
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    /// One run: the seconds for the initial subscription and for the 10k transactions, and memory.
    static func measure(version: ProtocolVersion, messages: [Message], users: [User], me: Identity, other: Identity) -> Measurement {
        let connector = Connector()
        let inserted = Mutex(0)
        guard let conn = try? DbConnection.builder().withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector).build()
        else { return Measurement(subscribe: 0, transactions: 0, residentGrowth: 0) }
        conn.db.message.onInsert { _, _ in inserted.withLock { $0 += 1 } }
        conn.db.user.onInsert { _, _ in inserted.withLock { $0 += 1 } }
        conn.subscriptionBuilder().subscribe(["SELECT * FROM user", "SELECT * FROM message"])
        connector.deliver(.opened(version))
        let connection = ConnectionId(7)
        let initial: [UInt8]
        var transactions: [[UInt8]] = []
        let extra = BSATNBenchmark.makeRows(count: 10_000).map {
            Message(sender: other, sent: Timestamp(microsecondsSinceUnixEpoch: $0.sent.microsecondsSinceUnixEpoch + 1), text: $0.text)
        }
        switch version {
        case .v1:
            connector.deliver(.frame(V1.ServerMessage.identityToken(V1.IdentityToken(identity: me, token: "t", connectionId: connection)).frame(requested: .none)))
            initial = V1.ServerMessage.subscribeMultiApplied(V1.SubscribeMultiApplied(
                requestId: 1, totalHostExecutionDurationMicros: 1, queryId: QueryId(1),
                update: V1.DatabaseUpdate(tables: [
                    V1.TableUpdate(tableId: 1, tableName: "user", numRows: UInt64(users.count), updates: [
                        .uncompressed(V1.QueryUpdate(deletes: .empty, inserts: BsatnRowList(rows: users)))]),
                    V1.TableUpdate(tableId: 2, tableName: "message", numRows: UInt64(messages.count), updates: [
                        .uncompressed(V1.QueryUpdate(deletes: .empty, inserts: BsatnRowList(rows: messages)))]),
                ]))).frame(requested: .none)
            for (index, message) in extra.enumerated() {
                transactions.append(V1.ServerMessage.transactionUpdate(V1.TransactionUpdate(
                    status: .committed(V1.DatabaseUpdate(tables: [V1.TableUpdate(
                        tableId: 2, tableName: "message", numRows: 1,
                        updates: [.uncompressed(V1.QueryUpdate(deletes: .empty, inserts: BsatnRowList(rows: [message])))])])),
                    timestamp: message.sent, callerIdentity: other, callerConnectionId: ConnectionId(9),
                    reducerCall: V1.ReducerCallInfo(
                        reducerName: "send_message", reducerId: 1, args: message.text.bsatnBytes(), requestId: UInt32(index + 1)),
                    energyQuantaUsed: .zero, totalHostExecutionDuration: TimeDuration(microseconds: 10))).frame(requested: .none))
            }
        case .v2, .v3:
            connector.deliver(.frame(V2.ServerMessage.initialConnection(V2.InitialConnection(identity: me, connectionId: connection, token: "t")).frame(requested: .none)))
            initial = V2.ServerMessage.subscribeApplied(V2.SubscribeApplied(
                requestId: 1, querySetId: QuerySetId(1), rows: V2.QueryRows(tables: [
                    V2.SingleTableRows(table: "user", rows: BsatnRowList(rows: users)),
                    V2.SingleTableRows(table: "message", rows: BsatnRowList(rows: messages)),
                ]))).frame(requested: .none)
            for message in extra {
                transactions.append(V2.ServerMessage.transactionUpdate(V2.TransactionUpdate(querySets: [V2.QuerySetUpdate(
                    querySetId: QuerySetId(1), tables: [V2.TableUpdate(tableName: "message", rows: [
                        .persistentTable(V2.PersistentTableRows(inserts: BsatnRowList(rows: [message]), deletes: .empty))])])])).frame(requested: .none))
            }
        }
        conn.frameTick()
        let residentBefore = ProcessMemory.residentBytes() ?? 0
        let startCPU = threadCPUSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        connector.deliver(.frame(initial))
        conn.frameTick()
        let middle = DispatchTime.now().uptimeNanoseconds
        let middleCPU = threadCPUSeconds()
        let residentGrowth = (ProcessMemory.residentBytes() ?? 0) - residentBefore
        for frame in transactions { connector.deliver(.frame(frame)) }
        conn.frameTick()
        let end = DispatchTime.now().uptimeNanoseconds
        let endCPU = threadCPUSeconds()
        let expected = messages.count + users.count + transactions.count
        let seen = inserted.withLock { $0 }
        if seen != expected || conn.db.message.count != messages.count + transactions.count {
            FileHandle.standardError.write(Data("sdk benchmark: expected \(expected) inserts, saw \(seen)\n".utf8))
        }
        return Measurement(
            subscribe: Double(middle - start) / 1e9, transactions: Double(end - middle) / 1e9,
            residentGrowth: residentGrowth, subscribeCPU: middleCPU - startCPU,
            transactionsCPU: endCPU - middleCPU)
    }

    /// The calling thread's CPU time in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
