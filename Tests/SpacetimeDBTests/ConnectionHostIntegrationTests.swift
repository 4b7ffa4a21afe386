import ChatHost
import Foundation
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// The SDK against the real local host (ChatHost) over sockets, on each protocol version.
@Suite(.timeLimit(.minutes(2))) struct ConnectionHostIntegrationTests {
    static func startHost(port: Int = 0, directory: URL? = nil) async throws -> (ChatHost, URL) {
        let directory = directory ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sdk-host-\(UUID().uuidString)")
        let host = try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: port))
        return (host, directory)
    }

    /// A connection offering only `version`, run threaded, subscribed to both tables.
    static func client(
        _ url: String, _ version: ProtocolVersion, log: CallbackLog, name: String, token: String? = nil,
        reconnect: ReconnectPolicy? = nil
    ) throws -> DbConnection {
        var builder = DbConnection.builder().withUri(url).withDatabaseName("quickstart-chat").withToken(token)
            .withProtocols([version]).withCompression(.gzip)
            .onConnect { _, _, _ in log.add("\(name) connected") }
            .onConnectError { _, error in log.add("\(name) connect error \(error)") }
            .onDisconnect { _, error in log.add("\(name) disconnected \(error.map { "\($0)" } ?? "nil")") }
        if let reconnect { builder = builder.withReconnect(reconnect) }
        let conn = try builder.build()
        conn.db.user.onUpdate { ctx, old, new in
            if old.name != new.name { log.add("\(name) sees rename \(new.name ?? "-") \(SDKProcessingTests.why(ctx).contains("own") ? "own" : "other")") }
        }
        conn.db.message.onInsert { ctx, message in
            if case .subscribeApplied = ctx.event { return }
            log.add("\(name) sees message \(message.text)")
        }
        conn.subscriptionBuilder()
            .onApplied { _ in log.add("\(name) applied") }
            .onError { _, error in log.add("\(name) subscription error \(error)") }
            .subscribe(["SELECT * FROM user", "SELECT * FROM message"])
        conn.runThreaded()
        return conn
    }

    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func twoClientsChat(_ version: ProtocolVersion) async throws {
        let (host, directory) = try await Self.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = CallbackLog()
        let alice = try Self.client(host.url, version, log: log, name: "alice")
        let bob = try Self.client(host.url, version, log: log, name: "bob")
        try await waitUntil("both applied") { log.all.contains("alice applied") && log.all.contains("bob applied") }
        #expect(alice.protocolVersion == version)
        let results = CallbackLog()
        alice.reducers.setName(name: "Alice") { _, status in results.add("setName \(status)") }
        alice.reducers.setName(name: "") { _, status in results.add("empty \(status)") }
        alice.reducers.sendMessage(text: "Hello, Bob!") { _, status in results.add("send \(status)") }
        try await waitUntil("bob sees the message") { log.all.contains("bob sees message Hello, Bob!") }
        try await waitUntil("alice's results") { results.all.count == 3 }
        #expect(results.all == ["setName committed", "empty failed: Names must not be empty", "send committed"])
        #expect(log.all.contains("bob sees rename Alice other"))
        #expect(log.all.contains("alice sees message Hello, Bob!"))
        let aliceIdentity = try #require(alice.identity)
        try await waitUntil("bob's cache") { bob.db.user.identity.find(aliceIdentity)?.name == "Alice" }
        #expect(bob.db.message.iter().map(\.text) == ["Hello, Bob!"])
        let rows = try await alice.oneOffQuery("SELECT * FROM message")
        #expect(try rows.rows(of: "message", as: Message.self).map(\.text) == ["Hello, Bob!"])
        alice.disconnect()
        try await waitUntil("bob sees alice offline") { bob.db.user.identity.find(aliceIdentity)?.online == false }
        bob.disconnect()
        await host.shutdown()
    }

    @Test func reconnectsAfterAHostRestartWithTheSameIdentity() async throws {
        let (host, directory) = try await Self.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = host.port
        let log = CallbackLog()
        let statuses = Mutex<[ConnectionStatus]>([])
        let conn = try DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat")
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(200)))
            .onStatusChange { status in statuses.withLock { $0.append(status) } }
            .build()
        conn.db.message.onInsert { ctx, message in log.add("message \(message.text) \(SDKProcessingTests.why(ctx))") }
        conn.subscriptionBuilder().onApplied { _ in log.add("applied") }.subscribe(["SELECT * FROM user", "SELECT * FROM message"])
        conn.runThreaded()
        try await waitUntil("applied") { log.all.contains("applied") }
        let identity = try #require(conn.identity)
        conn.reducers.sendMessage(text: "before")
        try await waitUntil("own message") { log.all.contains("message before (reducer send_message own)") }
        await host.shutdown()
        try await waitUntil("reconnecting") {
            statuses.withLock { $0 }.contains { if case .reconnecting = $0 { true } else { false } }
        }
        let (restarted, _) = try await Self.startHost(port: port, directory: directory)
        try await waitUntil("reconnected", seconds: 20) { conn.status == .connected && conn.isActive }
        #expect(conn.identity == identity)
        conn.reducers.sendMessage(text: "after")
        try await waitUntil("message after reconnect") { log.all.contains("message after (reducer send_message own)") }
        // Nothing changed while away: the reconciliation fired nothing for the old message.
        #expect(!log.all.contains { $0.contains("(reconnected)") })
        #expect(log.all.filter { $0.hasPrefix("applied") }.count == 1)
        #expect(conn.db.message.count == 2)
        conn.disconnect()
        await restarted.shutdown()
    }
}
