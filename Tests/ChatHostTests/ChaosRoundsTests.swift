import Foundation
import Logging
import QuickstartChat
import SpacetimeDB
import Synchronization
import Testing

@testable import ChatHost

/// Issue 9's chaos rounds: SDK clients chat over real sockets while the `spacetime-chat serve` child
/// is `kill -9`ed at random moments and restarted on the same port, then once more with a torn
/// record left at the end of its log. Afterwards every client, reconnected by itself, sees every
/// acknowledged message exactly once, each sender's messages in `sent` order.
@Suite(.timeLimit(.minutes(3))) struct ChaosRoundsTests {
    static let killRounds = 10
    static let clientCount = 4

    /// Opt-in (`SPACETIME_CHAT_CHAOS=1 swift test --filter ChaosRoundsTests`) until the stall it finds is
    /// understood: in about one run in ten to twenty on a loaded machine, right after a restart every
    /// client reports `connected` (the host logged all of them) and then no call is answered for 30 s,
    /// so the run times out. What the failure output has shown: bytes unread in the host's receive
    /// queue for one connection (the host not reading it) and calls in clients' send queues; in one
    /// gdb dump the host's engine thread sat in `pthread_mutex_lock` on a NIO event loop's task-queue
    /// lock while both event-loop threads were idle in `epoll_wait` (no holder in sight), and it went
    /// on once gdb had attached; in another an event-loop thread sat in a read of its own eventfd.
    /// A fresh connection always gets through. Never a lost or duplicated message: every completed
    /// run checked exactly-once delivery and order.
    static var enabled: Bool {
        CrashDurabilityTests.serverExecutable != nil && ProcessInfo.processInfo.environment["SPACETIME_CHAT_CHAOS"] != nil
    }

    @Test(.enabled(if: enabled, "set SPACETIME_CHAT_CHAOS=1 (and build the spacetime-chat executable)"))
    func killNineRoundsLoseAndDuplicateNothing() async throws {
        let executable = try #require(CrashDurabilityTests.serverExecutable)
        let seed = UInt64(Date().timeIntervalSince1970 * 1000)
        var random = SplitMix64(seed: seed)
        // On tmpfs when there is one: a kill -9 loses nothing the page cache holds, so the disk adds
        // nothing to this test but stalls (an fsync behind other processes' writes) that look like hangs.
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let directory = try TemporaryDirectory("chathost-chaos", in: base)
        defer { directory.remove() }

        var host = try await ServeProcess.start(executable: executable, dataDirectory: directory.path, port: 0)
        let port = host.port
        var clients: [ChaosClient] = []
        do {
            let protocols: [ProtocolVersion] = [.v1, .v2, .v3, .v2]
            clients = try (0..<Self.clientCount).map {
                try ChaosClient(index: $0, url: "http://127.0.0.1:\(port)", protocolVersion: protocols[$0 % protocols.count])
            }
            for round in 0...Self.killRounds {
                // Traffic first: every client connected and past a few more acknowledgements.
                let marks = clients.map(\.acknowledgedCount)
                try await waitUntil("round \(round): every client acknowledged 3 more (seed \(seed))\n\(host.log)") {
                    zip(clients, marks).allSatisfy { $0.isConnected && $0.acknowledgedCount >= $1 + 3 }
                }
                try await Task.sleep(for: .milliseconds(Int(random.next() % 300)))
                await host.killNine()
                if round == Self.killRounds { try Self.tearTheLogTail(in: directory) }
                try await Task.sleep(for: .milliseconds(Int(random.next() % 300)))
                host = try await Self.restart(executable: executable, directory: directory, port: port)
            }
            for client in clients { client.stopSending() }
            do {
                try await waitUntil("every send resolved (seed \(seed))") { clients.allSatisfy(\.isIdle) }
            } catch {
                throw TestSocketError.malformed("\(error): \(clients.map(\.summary).joined(separator: "; "))")
            }
            let acknowledged = clients.flatMap(\.acknowledged)
            try await waitUntil("every client sees every acknowledged message (seed \(seed))\n\(host.log)") {
                clients.allSatisfy { client in
                    client.isConnected && Set(client.view().map(\.text)).isSuperset(of: acknowledged)
                }
            }
            for client in clients { Self.check(client.view(), of: client, against: clients, seed: seed) }
            #expect(clients.allSatisfy { $0.connectCount >= Self.killRounds + 2 }, "a client did not reconnect after every kill")
            #expect(acknowledged.count >= Self.clientCount * 3 * (Self.killRounds + 1))
        } catch {
            let threads = Self.dumpThreads(host: host.pid)
            Issue.record(
                """
                seed \(seed): \(error)
                thread stacks (before the probe): \(threads)
                clients: \(clients.map(\.summary).joined(separator: "; "))
                host threads: \(host.threadStates)
                sockets on the port before the fresh client (host pid \(host.pid)):
                \(Self.sockets(port: port))
                fresh client: \(await Self.probe(port: port))
                sockets on the port after it:
                \(Self.sockets(port: port))
                host log (last lines):
                \(host.log.split(separator: "\n").suffix(40).joined(separator: "\n"))
                """)
        }
        for client in clients { client.disconnect() }
        await host.stop()
    }

    /// What every client must see: each acknowledged message once, nothing twice, nothing torn, and
    /// each sender's messages in the order it sent them.
    static func check(_ view: [Message], of client: ChaosClient, against clients: [ChaosClient], seed: UInt64) {
        let texts = view.map(\.text)
        var counts: [String: Int] = [:]
        for text in texts { counts[text, default: 0] += 1 }
        let duplicated = counts.filter { $0.value > 1 }.keys.sorted()
        #expect(duplicated.isEmpty, "client \(client.index) sees twice: \(duplicated) (seed \(seed))")
        for sender in clients {
            let missing = sender.acknowledged.filter { counts[$0] == nil }
            #expect(missing.isEmpty, "client \(client.index) misses \(missing.count) of \(sender.index)'s: \(missing.prefix(5)) (seed \(seed))")
            let sequence = view.sorted { $0.sent < $1.sent }.compactMap { sender.sequenceNumber(of: $0.text) }
            #expect(sequence == sequence.sorted(), "client \(client.index) sees \(sender.index)'s out of order (seed \(seed))")
        }
        #expect(!texts.contains(tornText))
    }

    static let tornText = "torn and never acknowledged"

    /// Every thread's stack of the host and of this test process, from gdb when it is installed
    /// (`gdb -p`): taken before the fresh-client probe, because attaching or a new connection can
    /// release the stall. Written to `/tmp/chaos-threads-<test pid>-{host,test}.txt`.
    static func dumpThreads(host: Int32) -> String {
        let gdbPath = "/usr/bin/gdb"
        guard FileManager.default.isExecutableFile(atPath: gdbPath) else { return "(gdb not installed)" }
        var written: [String] = []
        for (name, pid) in [("host", host), ("test", getpid())] {
            let path = "/tmp/chaos-threads-\(getpid())-\(name).txt"
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let output = FileHandle(forWritingAtPath: path)
            else { continue }
            let gdb = Process()
            gdb.executableURL = URL(fileURLWithPath: gdbPath)
            gdb.arguments = ["-p", "\(pid)", "-batch", "-ex", "thread apply all bt 30"]
            gdb.standardOutput = output
            gdb.standardError = FileHandle.nullDevice
            guard (try? gdb.run()) != nil else { continue }
            gdb.waitUntilExit()
            try? output.close()
            written.append(path)
        }
        return written.joined(separator: ", ")
    }

    /// `ss -tanp` lines that mention `port`: who listens there and who is connected to whom.
    static func sockets(port: Int) -> String {
        let ss = Process()
        ss.executableURL = URL(fileURLWithPath: "/usr/bin/ss")
        ss.arguments = ["-tanp"]
        let output = Pipe()
        ss.standardOutput = output
        ss.standardError = FileHandle.nullDevice
        guard (try? ss.run()) != nil else { return "(ss not available)" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ss.waitUntilExit()
        return text.split(separator: "\n").filter { $0.contains(":\(port) ") || $0.contains(":\(port)\t") }
            .prefix(30).joined(separator: "\n")
    }

    /// Whether a fresh raw client gets a reducer call answered (tells a stuck host from stuck clients).
    static func probe(port: Int) async -> String {
        do {
            let (response, maybeClient) = try await TestWebSocketClient.connect(
                port: port, path: "/v1/database/quickstart-chat/subscribe?compression=None",
                protocols: ["v1.bsatn.spacetimedb"])
            guard let client = maybeClient else { return "upgrade refused: \(response.status)" }
            defer { client.close() }
            _ = try await client.nextV1(timeout: 5)
            try await client.callV1("send_message", SendMessageArgs(text: "probe"), requestId: 7)
            let update = try await client.nextV1TransactionUpdate()
            return "answered: \(update.status)"
        } catch {
            return "no answer: \(error)"
        }
    }

    /// Appends the first half of a real record to the log: a crash in the middle of an append.
    static func tearTheLogTail(in directory: TemporaryDirectory) throws {
        let record = LogRecord(
            offset: UInt64.max / 2,
            changes: [
                LogRecord.Change(
                    table: "message", isInsert: true,
                    row: Message(sender: .zero, sent: .now(), text: tornText).bsatnBytes())
            ])
        let frame = CommitLog.frame(record)
        let handle = try FileHandle(forWritingTo: directory.url.appendingPathComponent("commitlog.stchl"))
        try handle.seekToEnd()
        try handle.write(contentsOf: frame.prefix(frame.count / 2))
        try handle.close()
    }

    /// Starts the host again on `port`, retrying while the old socket lets go of it.
    static func restart(executable: URL, directory: TemporaryDirectory, port: Int) async throws -> ServeProcess {
        var lastError: (any Error)?
        for _ in 0..<50 {
            do {
                return try await ServeProcess.start(executable: executable, dataDirectory: directory.path, port: port)
            } catch ServeProcessError.exited(let status, let log) where log.contains("cannot listen") {
                lastError = ServeProcessError.exited(status: status, log: log)
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? ServeProcessError.exited(status: -1, log: "no attempt")
    }
}

/// One SDK client of the chaos test: a real `DbConnection` with automatic reconnect, sending
/// numbered messages one at a time and remembering which were acknowledged (committed).
final class ChaosClient: Sendable {
    private struct State {
        var acknowledged: [String] = []
        var sending = true
        var idle = false
        var connects = 0
        var inFlight: String?
        var statuses: [String] = []
    }

    /// The state, in a class of its own so the connection's callbacks can hold it before `self` exists.
    private final class SharedState: Sendable {
        let mutex = Mutex(State())
    }

    let index: Int
    let protocolVersion: ProtocolVersion
    let connection: DbConnection
    private let shared: SharedState

    init(index: Int, url: String, protocolVersion: ProtocolVersion) throws {
        self.index = index
        self.protocolVersion = protocolVersion
        var logger = Logger(label: "chaos-client-\(index)")
        logger.logLevel = .error
        let shared = SharedState()
        self.shared = shared
        connection = try DbConnection.builder().withUri(url).withDatabaseName("quickstart-chat")
            .withProtocols([protocolVersion]).withLogger(logger)
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200)))
            .onStatusChange { status in
                // `.connected` comes once per (re)connection, after the re-sent subscriptions applied.
                shared.mutex.withLock { state in
                    if status == .connected { state.connects += 1 }
                    state.statuses = Array((state.statuses + ["\(status)"]).suffix(4))
                }
            }
            .build()
        connection.subscriptionBuilder().subscribe(["SELECT * FROM user", "SELECT * FROM message"])
        connection.runThreaded()
        Task { [self] in await sendUntilStopped() }
    }

    var acknowledged: [String] { shared.mutex.withLock { $0.acknowledged } }
    var acknowledgedCount: Int { shared.mutex.withLock { $0.acknowledged.count } }
    var connectCount: Int { shared.mutex.withLock { $0.connects } }
    var isIdle: Bool { shared.mutex.withLock { $0.idle } }
    var isConnected: Bool { connection.status == .connected && connection.isActive }

    /// The messages in this client's cache.
    func view() -> [Message] { Array(connection.db.message.iter()) }

    /// The number in one of this client's message texts, or nil for anyone else's.
    func sequenceNumber(of text: String) -> Int? {
        let prefix = "client \(index) message "
        guard text.hasPrefix(prefix) else { return nil }
        return Int(text.dropFirst(prefix.count))
    }

    /// Where this client stands, for failure messages.
    var summary: String {
        shared.mutex.withLock { state in
            "client \(index) (\(protocolVersion)): \(state.acknowledged.count) acknowledged, waiting for "
                + "\(state.inFlight ?? "nothing"), status \(connection.status), last statuses \(state.statuses)"
        }
    }

    func stopSending() { shared.mutex.withLock { $0.sending = false } }

    func disconnect() { connection.disconnect() }

    private func sendUntilStopped() async {
        var number = 0
        while shared.mutex.withLock({ $0.sending }) {
            let text = "client \(index) message \(number)"
            number += 1
            shared.mutex.withLock { $0.inFlight = text }
            let status = await withCheckedContinuation { (continuation: CheckedContinuation<ReducerStatus, Never>) in
                connection.reducers.sendMessage(text: text) { _, status in continuation.resume(returning: status) }
            }
            if status == .committed { shared.mutex.withLock { $0.acknowledged.append(text) } }
            if status != .committed {
                // Dropped with the connection: wait a little instead of spinning while it is down.
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        shared.mutex.withLock { $0.idle = true }
    }
}

/// Waits (bounded, never asserting on speed) until `condition` holds.
/// `what` is evaluated only on timeout, so a log it quotes is the log at that moment.
func waitUntil(_ what: @autoclosure () -> String, seconds: Double = 30, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else { throw TestSocketError.timedOut(what()) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A small seeded generator, so a failing run's kill moments can be replayed from its seed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
