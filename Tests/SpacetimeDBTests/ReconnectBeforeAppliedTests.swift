import Foundation
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// A connection that drops after the identity but before a subscription's rows arrived: the
/// subscription is re-sent on reconnect and applied then, with its `onApplied` (a client that waits
/// for it to go live, as spacetime-chat does, would otherwise wait forever).
@Suite struct ReconnectBeforeAppliedTests {
    typealias F = SDKFixtures

    @Test func aSubscriptionDroppedBeforeItsRowsIsAppliedAfterTheReconnect() async throws {
        let log = CallbackLog()
        let statuses = Mutex<[String]>([])
        let connector = InMemoryConnector()
        let conn = try F.reconnectingBuilder(connector)
            .onStatusChange { status in
                if case .connected = status { statuses.withLock { $0.append("connected") } }
            }
            .build()
        F.logRowCallbacks(of: conn, into: log)
        let applied = CallbackLog()
        conn.subscriptionBuilder().onApplied { ctx in applied.add("applied, \(ctx.connection.db.message.count) messages cached") }
            .subscribe(["SELECT * FROM user", "SELECT * FROM message"])

        let first = try #require(connector.latest)
        first.open(.v1)
        first.deliver(F.v1Identity(token: "minted"))
        conn.frameTick()
        guard case .subscribeMulti(let subscribe) = try first.sentV1().first else {
            Issue.record("no subscribe")
            return
        }
        // The host goes away before it answers the subscription.
        first.drop(.connectionLost("reset by peer"))
        try await waitUntil("a second transport", tick: conn.frameTick) { connector.all.count == 2 }
        let second = try #require(connector.latest)
        second.open(.v1)
        second.deliver(F.v1Identity(token: "minted"))
        conn.frameTick()
        guard case .subscribeMulti(let again) = try second.sentV1().first else {
            Issue.record("the subscription was not re-sent: \(try second.sentV1())")
            return
        }
        #expect(again.queryStrings == subscribe.queryStrings)

        let hello = Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "hello")
        second.deliver(F.v1Applied(queryId: again.queryId.id, [
            F.v1Table("user", inserts: F.rows([F.user(F.me, "A")])),
            F.v1Table("message", inserts: F.rows([hello])),
        ]))
        conn.frameTick()
        #expect(applied.all == ["applied, 1 messages cached"], "the rows arrived: the subscription is applied")
        #expect(Set(log.all) == ["insert me:A:on (applied)", "message hello (applied)"], "first rows, not changes while away")
        #expect(statuses.withLock { $0 }.last == "connected")
        #expect(conn.db.message.count == 1)

        // Later transactions apply normally.
        log.clear()
        second.deliver(F.v1(.transactionUpdateLight(V1.TransactionUpdateLight(
            requestId: 1, update: V1.DatabaseUpdate(tables: [F.v1Table("user", inserts: F.rows([F.user(F.other, "B")]))])))))
        conn.frameTick()
        #expect(log.all == ["insert other:B:on (transaction)"])
    }
}
