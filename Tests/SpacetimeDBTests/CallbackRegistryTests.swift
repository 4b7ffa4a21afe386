import Foundation
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The callback registry keeps one immutable box of callbacks per table: registering and removing
/// replace the box, and the drain thread fires the box it found.
@Suite struct CallbackRegistryTests {
    typealias F = SDKFixtures

    func send(_ text: String, _ conn: DbConnection, _ transport: InMemoryTransport) {
        let message = Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: text)
        transport.deliver(F.v2(.transactionUpdate(F.v2Update("message", inserts: F.rows([message])))))
        conn.frameTick()
    }

    @Test func removingACallbackLeavesTheOthersInRegistrationOrder() throws {
        let (conn, transport) = try F.v2SubscribedToMessages([])
        let log = CallbackLog()
        conn.db.message.onInsert { _, message in log.add("first \(message.text)") }
        let second = conn.db.message.onInsert { _, message in log.add("second \(message.text)") }
        conn.db.message.onInsert { _, message in log.add("third \(message.text)") }
        send("a", conn, transport)
        conn.db.message.removeCallback(second)
        send("b", conn, transport)
        #expect(log.all == ["first a", "second a", "third a", "first b", "third b"])
    }

    @Test func callbacksRegisteredWhileFiringRunFromTheNextMessage() throws {
        let (conn, transport) = try F.v2SubscribedToMessages([])
        let log = CallbackLog()
        conn.db.message.onInsert { _, message in
            log.add("outer \(message.text)")
            if message.text == "a" { conn.db.message.onInsert { _, message in log.add("inner \(message.text)") } }
        }
        send("a", conn, transport)
        send("b", conn, transport)
        #expect(log.all == ["outer a", "outer b", "inner b"])
    }

    @Test func aHandleOfAnotherRowTypeNeitherSeesNorRemovesTheTablesCallbacks() throws {
        let (conn, transport) = try F.v2SubscribedToMessages([])
        let log = CallbackLog()
        let id = conn.db.message.onInsert { _, message in log.add("message \(message.text)") }
        // Same table name, wrong row type: registered apart, and its remove finds nothing to remove.
        let wrong = TableHandle<User>(connection: conn, name: "message")
        wrong.removeCallback(id)
        send("a", conn, transport)
        #expect(log.all == ["message a"])
        #expect(conn.callbacks.tableCallbacks("message", as: User.self) == nil)
    }
}
