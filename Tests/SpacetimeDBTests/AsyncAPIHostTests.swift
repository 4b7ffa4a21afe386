import ChatHost
import Foundation
import QuickstartChat
@testable import SpacetimeDB
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The async API (`connect()`, `subscribe(to:)`, `ReducerCall.outcome`, `changes`, `statusChanges`)
/// against the real local host over sockets.
@Suite(.timeLimit(.minutes(2))) struct AsyncAPIHostTests {
    static let queries = ["SELECT * FROM user", "SELECT * FROM message"]

    static func builder(_ host: ChatHost) -> DbConnectionBuilder {
        DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat")
    }

    @Test func connectReturnsOnceIdentifiedAfterTheBuildersOnConnect() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = CallbackLog()
        let conn = try await Self.builder(host).onConnect { _, _, token in log.add("onConnect \(!token.isEmpty)") }.connect()
        #expect(log.all == ["onConnect true"])
        #expect(conn.status == .connected)
        #expect(conn.identity != nil)
        conn.disconnect()
        await host.shutdown()
    }

    @Test func connectThrowsTheFirstConnectionsError() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = CallbackLog()
        do {
            let conn = try await DbConnection.builder().withUri(host.url).withDatabaseName("no-such-db")
                .onConnectError { _, error in log.add("onConnectError \(error.httpStatusCode ?? 0)") }
                .connect()
            Issue.record("connected to a database that does not exist: \(conn.status)")
        } catch let error as DbConnectionError {
            #expect(error.httpStatusCode == 404)
        }
        #expect(log.all == ["onConnectError 404"])
        await host.shutdown()
    }

    @Test func cancellingConnectClosesTheConnectionAndThrowsCancellation() async throws {
        // A listener that completes TCP handshakes but never answers the WebSocket upgrade.
        let listener = try SilentListener()
        defer { listener.close() }
        let task = Task {
            try await DbConnection.builder().withUri("http://127.0.0.1:\(listener.port)").withDatabaseName("quickstart-chat")
                .connect()
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func subscribeReturnsWithTheRowsInTheCacheAndThrowsTheServersError() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alice = try await Self.builder(host).connect()
        #expect(await alice.reducers.sendMessage(text: "before bob").outcome == .committed)
        let bob = try await Self.builder(host).connect()
        let subscription = try await bob.subscribe(to: Self.queries)
        #expect(subscription.isActive)
        #expect(bob.db.message.iter().map(\.text) == ["before bob"])
        #expect(bob.db.user.count == 2)

        await #expect(throws: SubscriptionError.self) { try await bob.subscribe(to: ["SELECT * FROM no_such_table"]) }
        do {
            _ = try await bob.subscribe(to: ["SELEC nonsense"])
            Issue.record("the server accepted a malformed query")
        } catch {
            guard case .rejected(let message) = error else { Issue.record("expected .rejected, got \(error)"); return }
            #expect(!message.isEmpty)
        }
        bob.disconnect()
        await #expect(throws: SubscriptionError.disconnected(nil)) { try await bob.subscribe(to: Self.queries) }
        alice.disconnect()
        await host.shutdown()
    }

    @Test func cancellingASubscribeThatCannotApplyThrowsCancelled() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Never drained: the subscription's rows can never be applied, so only cancellation ends the wait.
        let conn = try Self.builder(host).build()
        let task = Task { try await conn.subscribe(to: Self.queries) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await #expect(throws: SubscriptionError.cancelled) { try await task.value }
        conn.disconnect()
        conn.frameTick()
        await host.shutdown()
    }

    @Test func reducerCallsResolveWithTheirOutcome() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conn = try await Self.builder(host).connect()
        let log = CallbackLog()
        let call = conn.reducers.setName(name: "") { _, status in log.add("then \(status)") }
        #expect(call.reducerName == "set_name")
        #expect(await call.outcome == .failed("Names must not be empty"))
        #expect(log.all == ["then failed: Names must not be empty"])
        #expect(call.currentOutcome == .failed("Names must not be empty"))
        #expect(await conn.reducers.setName(name: "Alice").outcome == .committed)
        #expect(await conn.callReducer("no_such_reducer", args: SetNameArgs(name: "x")).outcome.isCommitted == false)
        conn.disconnect()
        try await waitUntil("closed") { conn.status == .closed(reason: nil) }
        // On a closed connection the call still resolves, with the reason.
        #expect(await conn.reducers.sendMessage(text: "late").outcome == .internalError("the connection is closed"))
        await host.shutdown()
    }

    @Test func tableChangesStreamInsertsAndUpdatesInOrderAndEndWithTheConnection() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let alice = try await Self.builder(host).connect()
        let bob = try await Self.builder(host).connect()
        _ = try await bob.subscribe(to: Self.queries)
        let messages = bob.db.message.changes
        let users = bob.db.user.changes
        for text in ["one", "two", "three"] { alice.reducers.sendMessage(text: text) }
        #expect(await alice.reducers.setName(name: "Alice").outcome == .committed)

        var texts: [String] = []
        for await change in messages {
            guard case .insert(let message) = change.kind, case .transaction = change.event else {
                Issue.record("unexpected change \(change.kind) \(change.event)")
                break
            }
            texts.append(message.text)
            if texts.count == 3 { break }
        }
        #expect(texts == ["one", "two", "three"])
        var rename: (String?, String?)?
        for await change in users {
            if case .update(let old, let new) = change.kind, old.identity == alice.identity {
                rename = (old.name, new.name)
                break
            }
        }
        #expect(rename?.0 == nil && rename?.1 == "Alice")

        // A stream taken now ends when the connection closes.
        let ending = bob.db.message.changes
        let drained = Task { var count = 0; for await _ in ending { count += 1 }; return count }
        bob.disconnect()
        #expect(await drained.value == 0)
        alice.disconnect()
        await host.shutdown()
    }

    @Test func streamsOfAClosedConnectionFinishAtOnceAndLeaveNothingRegistered() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conn = try await Self.builder(host).connect()
        conn.disconnect()
        try await waitUntil("closed") { conn.status == .closed(reason: nil) }
        var changes = 0
        for await _ in conn.db.message.changes { changes += 1 }
        var statuses: [ConnectionStatus] = []
        for await status in conn.statusChanges { statuses.append(status) }
        #expect(changes == 0)
        #expect(statuses == [.closed(reason: nil)])
        let callbacks = conn.callbacks.tableCallbacks("message", as: Message.self)?.callbacks
        #expect((callbacks?.onInsert.count ?? 0) + (callbacks?.onDelete.count ?? 0) + (callbacks?.onUpdate.count ?? 0) == 0)
        #expect(conn.statusObservers.count == 0)
        await host.shutdown()
    }

    @Test func aSlowConsumerWithBufferingNewestGetsOnlyTheLatestChange() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conn = try await Self.builder(host).connect()
        _ = try await conn.subscribe(to: Self.queries)
        let latest = conn.db.message.changes(bufferingPolicy: .bufferingNewest(1))
        // Registered after the stream's callbacks, so it runs after the stream got the same row.
        let seen = CallbackLog()
        conn.db.message.onInsert { _, message in seen.add(message.text) }
        for index in 1...5 { conn.reducers.sendMessage(text: "m\(index)") }
        try await waitUntil("all five delivered") { seen.all.count == 5 }
        conn.disconnect()
        var received: [String] = []
        for await change in latest { received.append(change.newRow?.text ?? "?") }
        #expect(received == ["m5"])
        await host.shutdown()
    }

    @Test func statusChangesFollowAReconnectAndEndWhenClosed() async throws {
        let (host, directory) = try await ConnectionHostIntegrationTests.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let conn = try await Self.builder(host)
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200)))
            .connect()
        let statuses = conn.statusChanges
        let collected = Mutex<[String]>([])
        let reader = Task {
            for await status in statuses {
                let label: String
                switch status {
                case .connecting: label = "connecting"
                case .connected: label = "connected"
                case .reconnecting: label = "reconnecting"
                case .closed(let reason): label = "closed \(reason.map { "\($0)" } ?? "nil")"
                }
                collected.withLock { if $0.last != label { $0.append(label) } }
            }
        }
        let port = host.port
        await host.shutdown()
        try await waitUntil("reconnecting") { collected.withLock { $0.contains("reconnecting") } }
        let restarted = try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: port))
        try await waitUntil("reconnected", seconds: 20) { collected.withLock { $0.last == "connected" && $0.count > 1 } }
        conn.disconnect()
        await reader.value
        #expect(collected.withLock { $0 } == ["connected", "reconnecting", "connected", "closed nil"])
        await restarted.shutdown()
    }
}

/// A TCP listener on 127.0.0.1 that never accepts: the kernel completes handshakes, nobody answers.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
        }
        guard fd >= 0, bound == 0, listen(fd, 8) == 0 else {
            throw SDKTestTimeout(what: "a listening socket (errno \(errno))")
        }
        var length = size
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
