import Foundation
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// Automatic reconnect over the in-memory transport: token reuse, re-sent subscriptions, and a cache
/// reconciled so that only rows that really changed while away fire callbacks.
@Suite struct ReconnectReconciliationTests {
    typealias F = SDKFixtures

    @Test func reconnectReusesTheTokenResubscribesAndFiresOnlyRealDifferences() async throws {
        let log = CallbackLog()
        let statuses = Mutex<[String]>([])
        let connector = InMemoryConnector()
        let conn = try F.reconnectingBuilder(connector)
            .onConnect { _, _, token in log.add("connect \(token)") }
            .onStatusChange { status in
                let text: String
                switch status {
                case .connecting: text = "connecting"
                case .connected: text = "connected"
                case .reconnecting(let attempt, _): text = "reconnecting \(attempt)"
                case .closed(let reason): text = "closed \(reason.map { "\($0)" } ?? "nil")"
                }
                statuses.withLock { $0.append(text) }
            }
            .build()
        F.logRowCallbacks(of: conn, into: log, updatesAndDeletes: true)
        let applied = CallbackLog()
        conn.subscriptionBuilder().onApplied { _ in applied.add("applied") }
            .subscribe(["SELECT * FROM user", "SELECT * FROM message"])

        let first = try #require(connector.latest)
        #expect(first.request.token == nil)
        first.open(.v1)
        first.deliver(F.v1Identity(token: "minted"))
        guard case .subscribeMulti(let subscribe) = try first.sentV1().first else {
            Issue.record("no subscribe")
            return
        }
        let carol = Identity(UInt256(UInt64(0xC200_0000_0000_0003)))
        let hello = Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "hello")
        first.deliver(F.v1Applied(queryId: subscribe.queryId.id, [
            F.v1Table("user", inserts: F.rows([F.user(F.me, "A"), F.user(F.other, "B"), F.user(carol, "C")])),
            F.v1Table("message", inserts: F.rows([hello])),
        ]))
        conn.frameTick()
        #expect(log.all.count == 5)
        log.clear()

        first.drop(.connectionLost("reset by peer"))
        try await waitUntil("a second transport", tick: conn.frameTick) { connector.all.count == 2 }
        let second = try #require(connector.latest)
        #expect(second.request.token == "minted")
        #expect(statuses.withLock { $0 }.contains("reconnecting 1"))
        second.open(.v1)
        second.deliver(F.v1Identity(token: "minted"))
        conn.frameTick()
        guard case .subscribeMulti(let again) = try second.sentV1().first else {
            Issue.record("the subscription was not re-sent: \(try second.sentV1())")
            return
        }
        #expect(again.queryId == subscribe.queryId)
        #expect(again.queryStrings == subscribe.queryStrings)
        #expect(log.all.isEmpty)

        // While away: B went offline, C was deleted, D appeared, a message arrived; A is unchanged.
        let dave = Identity(UInt256(UInt64(0xC200_0000_0000_0004)))
        let later = Message(sender: dave, sent: Timestamp(microsecondsSinceUnixEpoch: 2), text: "while away")
        second.deliver(F.v1Applied(queryId: again.queryId.id, [
            F.v1Table("user", inserts: F.rows([F.user(F.me, "A"), F.user(F.other, "B", online: false), F.user(dave, "D")])),
            F.v1Table("message", inserts: F.rows([hello, later])),
        ]))
        conn.frameTick()
        #expect(Set(log.all) == [
            "update other:B:on -> other:B:off (reconnected)",
            "delete other:C:on (reconnected)",
            "insert other:D:on (reconnected)",
            "message while away (reconnected)",
        ])
        #expect(log.all.count == 4)
        #expect(applied.all == ["applied"])
        #expect(conn.db.user.count == 3)
        #expect(conn.db.user.identity.find(carol) == nil)
        #expect(conn.db.message.count == 2)
        #expect(statuses.withLock { $0 }.last == "connected")

        // After reconciliation, transactions apply normally again.
        log.clear()
        second.deliver(F.v1(.transactionUpdateLight(V1.TransactionUpdateLight(
            requestId: 1, update: V1.DatabaseUpdate(tables: [F.v1Table("user", inserts: F.rows([carol].map { F.user($0, "C") }))])))))
        conn.frameTick()
        #expect(log.all == ["insert other:C:on (transaction)"])
        #expect(log.all.allSatisfy { !$0.hasPrefix("connect") })
    }

    @Test func aChangedIdentityOnReconnectStops() async throws {
        let log = CallbackLog()
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(5), jitter: 0))
            .onDisconnect { _, error in log.add("disconnect \(error.map { "\($0)" } ?? "nil")") }
            .build()
        let first = try #require(connector.latest)
        first.open(.v2)
        first.deliver(F.v2(F.v2Identity()))
        conn.frameTick()
        first.drop(.timedOut)
        try await waitUntil("a second transport", tick: conn.frameTick) { connector.all.count == 2 }
        let second = try #require(connector.latest)
        second.open(.v2)
        second.deliver(F.v2(F.v2Identity(F.other)))
        conn.frameTick()
        #expect(second.wasClosedByClient)
        #expect(log.all == ["disconnect \(DbConnectionError.identityChanged(old: F.me, new: F.other))"])
        #expect(conn.status == .closed(reason: .identityChanged(old: F.me, new: F.other)))
    }

    @Test func callsMadeWhileReconnectingGoOutAfterwards() async throws {
        let log = CallbackLog()
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(5), jitter: 0))
            .build()
        let first = try #require(connector.latest)
        first.open(.v1)
        first.deliver(F.v1Identity())
        conn.frameTick()
        conn.reducers.sendMessage(text: "in flight") { _, status in log.add("in flight \(status)") }
        first.drop(.connectionLost("gone"))
        conn.frameTick()
        #expect(log.all == ["in flight internal error: the connection dropped before the server answered"])
        conn.reducers.sendMessage(text: "queued") { _, status in log.add("queued \(status)") }
        try await waitUntil("a second transport", tick: conn.frameTick) { connector.all.count == 2 }
        let second = try #require(connector.latest)
        second.open(.v1)
        guard case .callReducer(let call) = try second.sentV1().first else {
            Issue.record("queued call not sent")
            return
        }
        #expect(call.args == SendMessageArgs(text: "queued").bsatnBytes())
        second.deliver(F.v1Identity())
        second.deliver(F.v1Transaction(
            status: .committed(V1.DatabaseUpdate(tables: [])), reducer: "send_message", args: SendMessageArgs(text: "queued"),
            requestId: call.requestId))
        conn.frameTick()
        #expect(log.all.last == "queued committed")
    }
}
