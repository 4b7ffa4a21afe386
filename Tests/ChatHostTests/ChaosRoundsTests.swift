import Foundation
import Logging
import QuickstartChat
@testable import SpacetimeDB
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

    /// The stall this suite found (issue 9) and its cause. On this 2-CPU VM under load, about one run
    /// in twenty to thirty stalled: a round waited 30 s for a client's answers. What
    /// the diagnostics below showed (6 December 2026, eight failed runs read):
    /// - Most often one client is starved: a few hundred acknowledged while the other three have
    ///   thousands. Its SDK state: one call sent on the current connection 30 s before, inbox empty
    ///   (nothing waiting to be drained). `ss`: that connection sent 757 bytes in all (upgrade,
    ///   subscribe, that one call), the host read them (Recv-Q 0) and keeps sending it the other
    ///   clients' updates. Those 757 bytes were the same for v1, v2 and v3 clients and for calls of
    ///   54 to 56 bytes, so the call was not among them (813 where it was). The SDK had counted
    ///   it as sent and its bytes never left: the transport learned its channel from the connect
    ///   future's callback, which the connecting thread queues on the event loop; descheduled before
    ///   that, the upgrade completed first, and the call waiting in the outbox, sent on `.opened`,
    ///   found no channel (`TransportOpenOrderTests`). The transport now takes its channel when the
    ///   upgrade completes, before `.opened` is reported.
    /// - Twice, after the torn-tail restart, all four clients were stuck with every queue empty and
    ///   the host idle; in one of them three clients had no pending call in the SDK at all, so their
    ///   send loops were suspended outside the SDK (in the 20 ms `Task.sleep` after a failed call,
    ///   by elimination), and the fourth had a sent call unanswered for 30 s. The timerfds recorded
    ///   now should tell whether a Dispatch timer (that sleep, the host's group-sync hold) was lost.
    /// - Both CPUs kept taking timer interrupts and network softirqs throughout, and every byte on
    ///   the wire was read; the earlier reading (bytes lost below both processes, a lost futex
    ///   wake-up) is not borne out: Send-Q/Recv-Q snapshots of a saturated machine are queues. The
    ///   global futex hash (`PR_FUTEX_HASH`) changed nothing measurable, and the C probes in
    ///   `scripts/stall-probes/` found no lost wake-up.
    /// While the cause was open the clients ran with the SDK's response timeout
    /// (``DbConnectionBuilder/withResponseTimeout(_:)``), which replaces a connection whose call stays
    /// unanswered. With the transport fixed, the loop ran 374 times without it and never stalled (9
    /// stalls in 274 runs before), so the rounds now run with no response timeout: a call lost again
    /// fails the test, with the diagnostics and gdb stacks below, instead of being survived.
    /// `SPACETIME_CHAT_CHAOS_RESPONSE_TIMEOUT=1` puts the 5 s timeout back (to study something else).
    static let survivesLostCalls = ProcessInfo.processInfo.environment["SPACETIME_CHAT_CHAOS_RESPONSE_TIMEOUT"] != nil

    @Test(.enabled(if: CrashDurabilityTests.serverExecutable != nil, "needs the spacetime-chat executable"))
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
            // Scheduler states twice, 2 s apart, then TCP timers and gdb stacks, all before the probe.
            let sdkStates = clients.map(\.sdkState).joined(separator: "; ")
            let statesAtStall = Self.threadStates(host: host.pid)
            let timersAtStall = "host:\n\(Self.timerFDs(of: host.pid))\ntest:\n\(Self.timerFDs(of: getpid()))"
            let cpusAtStall = Self.cpuCounters()
            let timers = Self.sockets(port: port, arguments: ["-tnoi"])
            try? await Task.sleep(for: .seconds(2))
            let statesLater = Self.threadStates(host: host.pid)
            let cpusLater = Self.cpuCounters()
            let threads = Self.dumpThreads(host: host.pid)
            Issue.record(
                """
                seed \(seed): \(error)
                thread stacks (before the probe): \(threads)
                clients: \(clients.map(\.summary).joined(separator: "; "))
                SDK state: \(sdkStates)
                timerfds at the stall:
                \(timersAtStall)
                threads at the stall (id:name=state/wchan/cpu/run-queue wait):
                \(statesAtStall)
                threads 2 s later:
                \(statesLater)
                TCP sockets on the port with timers (ss -tnoi):
                \(timers)
                per-CPU interrupts, softirqs and backlog at the stall:
                \(cpusAtStall)
                2 s later:
                \(cpusLater)
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
            // gdb itself has hung once (in pselect, after attaching), and while it holds this very
            // process stopped nothing here can end it: a shell bounds it to 20 s and then lets the
            // target go on (a killed tracer can leave it group-stopped).
            gdb.executableURL = URL(fileURLWithPath: "/bin/sh")
            gdb.arguments = [
                "-c",
                "timeout -s KILL 20 \(gdbPath) -p \"$1\" -batch -iex 'set debuginfod enabled off' -ex 'thread apply all bt 30'; kill -CONT \"$1\"",
                "sh", "\(pid)",
            ]
            gdb.standardOutput = output
            gdb.standardError = FileHandle.nullDevice
            guard (try? gdb.run()) != nil else { continue }
            gdb.waitUntilExit()
            try? output.close()
            written.append(path)
        }
        return written.joined(separator: ", ")
    }

    /// Per-CPU counters that tell whether a CPU still takes timer ticks, wake-up IPIs and network
    /// softirqs: `/proc/interrupts` (LOC, RES, CAL), `/proc/softirqs` (TIMER, NET_RX, TASKLET, SCHED)
    /// and `/proc/net/softnet_stat` (per-CPU backlog: processed, dropped, squeezed), with the load.
    static func cpuCounters() -> String {
        func lines(_ path: String, _ keep: (Substring) -> Bool) -> [String] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").filter(keep).map { $0.split(separator: " ").joined(separator: " ") }
        }
        let interrupts = lines("/proc/interrupts") { line in
            ["LOC:", "RES:", "CAL:"].contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
        }
        let softirqs = lines("/proc/softirqs") { line in
            ["TIMER:", "NET_RX:", "TASKLET:", "SCHED:"].contains { line.trimmingCharacters(in: .whitespaces).hasPrefix($0) }
        }
        let softnet = lines("/proc/net/softnet_stat") { _ in true }.map { "softnet \($0)" }
        let load = lines("/proc/loadavg") { _ in true }.map { "loadavg \($0)" }
        return (interrupts + softirqs + softnet + load).joined(separator: "\n")
    }

    /// Every timerfd of process `pid` with its `fdinfo` (clock, ticks not yet read, time left): the
    /// Dispatch timers (`asyncAfter`, `Task.sleep`) sit on these, so a sleep that never ends shows
    /// either a timer never armed (user space) or one expired and never read (a lost wake-up).
    static func timerFDs(of pid: Int32) -> String {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
        return fds.compactMap { fd -> String? in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"),
                target.contains("timerfd"),
                let info = try? String(contentsOfFile: "/proc/\(pid)/fdinfo/\(fd)", encoding: .utf8)
            else { return nil }
            let fields = info.split(separator: "\n").filter { !$0.hasPrefix("pos") && !$0.hasPrefix("flags") && !$0.hasPrefix("mnt_id") && !$0.hasPrefix("ino") }
            return "fd \(fd): " + fields.map { $0.split(separator: "\t").joined(separator: " ") }.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    /// Thread states (``ServeProcess/threadStates(of:)``) of the host and of this test process.
    static func threadStates(host: Int32) -> String {
        "host: \(ServeProcess.threadStates(of: host))\ntest: \(ServeProcess.threadStates(of: getpid()))"
    }

    /// `ss` lines (default `-tanp`) that mention `port`: who listens there and who is connected to
    /// whom. Continuation lines (`-i` details) are joined to the socket they belong to.
    static func sockets(port: Int, arguments: [String] = ["-tanp"]) -> String {
        let ss = Process()
        ss.executableURL = URL(fileURLWithPath: "/usr/bin/ss")
        ss.arguments = arguments
        let output = Pipe()
        ss.standardOutput = output
        ss.standardError = FileHandle.nullDevice
        guard (try? ss.run()) != nil else { return "(ss not available)" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ss.waitUntilExit()
        var entries: [String] = []
        for line in text.split(separator: "\n") {
            if line.first?.isWhitespace == true, let last = entries.popLast() {
                entries.append(last + " |" + line)
            } else {
                entries.append(String(line))
            }
        }
        return entries.filter { $0.contains(":\(port) ") || $0.contains(":\(port)\t") }
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
            // Well inside the rounds' 30 s wait: a connection that stops answering is replaced in time.
            .withResponseTimeout(ChaosRoundsTests.survivesLostCalls ? .seconds(5) : nil)
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

    /// The SDK's own view of this client, for failure messages: its transport generation, whether
    /// the WebSocket is open, each pending call (request id, the generation it went out on, its age),
    /// the outbox, and how many received messages wait to be drained.
    var sdkState: String {
        let now = ContinuousClock.now
        let session = connection.state.withLock { state in
            let calls = state.pendingCalls.calls.map { call in
                "\(call.requestId)@\(call.sentOnGeneration.map(String.init) ?? "unsent")"
                    + (call.sentAt.map { " \(now - $0)" } ?? "")
            }
            return "generation \(state.generation), open \(state.openVersion != nil), calls \(calls), outbox \(state.outbox.count)"
        }
        let inbox = connection.inbox.withLock { "inbox \($0.items.count), draining \($0.draining)" }
        return "client \(index): \(session), \(inbox)"
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
