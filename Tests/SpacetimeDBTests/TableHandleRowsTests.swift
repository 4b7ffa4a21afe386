import Foundation
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// ``TableHandle/mapRows(_:)`` and ``TableHandle/forEachRow(_:)``: the cached rows without an
/// intermediate array, over an in-memory transport drained on the test's thread.
@Suite struct TableHandleRowsTests {
    typealias F = SDKFixtures

    static func message(_ number: Int) -> Message {
        Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: Int64(number)), text: "m\(number)")
    }

    @Test func mapRowsAndForEachRowSeeExactlyTheCachedRowsInIterOrder() throws {
        let (conn, transport) = try F.v2SubscribedToMessages((0..<20).map(Self.message))
        // Deletes move the last row into the freed place, so the cache's order is no longer arrival order.
        transport.deliver(F.v2(.transactionUpdate(F.v2Update(
            "message", inserts: F.rows([Self.message(20), Self.message(21)]),
            deletes: F.rows([Self.message(3), Self.message(7)])))))
        conn.frameTick()
        let expected = conn.db.message.iter().map(\.text)
        #expect(expected.count == 20)
        #expect(Set(expected) == Set(((0..<22).filter { $0 != 3 && $0 != 7 }).map { "m\($0)" }))
        #expect(conn.db.message.mapRows(\.text) == expected)
        #expect(conn.db.message.handle.mapRows(\.text) == expected)
        var visited: [String] = []
        conn.db.message.forEachRow { visited.append($0.text) }
        #expect(visited == expected)
    }

    @Test func anEmptyOrUnknownTableMapsToNothing() throws {
        let (conn, _) = try F.v2SubscribedToMessages([])
        #expect(conn.db.message.mapRows(\.text).isEmpty)
        #expect(conn.db.user.mapRows(\.identity).isEmpty)
        #expect(TableHandle<Message>(connection: conn, name: "no_such_table").mapRows(\.text).isEmpty)
    }

    @Test func theTransformMayReadTheConnection() throws {
        // The rows are a snapshot taken under the cache lock; the transform runs outside it.
        let (conn, _) = try F.v2SubscribedToMessages((0..<5).map(Self.message))
        let counts = conn.db.message.mapRows { _ in conn.db.message.count + conn.db.message.iter().count }
        #expect(counts == [10, 10, 10, 10, 10])
    }

    @Test func theSnapshotIsNotChangedByLaterMessages() throws {
        let (conn, transport) = try F.v2SubscribedToMessages((0..<3).map(Self.message))
        var during: [String] = []
        conn.db.message.forEachRow { message in
            if during.isEmpty {
                // Applied while the walk is under way: the walk keeps seeing the rows it started with.
                transport.deliver(F.v2(.transactionUpdate(F.v2Update(
                    "message", inserts: F.rows([Self.message(9)]), deletes: F.rows([Self.message(0), Self.message(1), Self.message(2)])))))
                conn.frameTick()
            }
            during.append(message.text)
        }
        #expect(Set(during) == ["m0", "m1", "m2"])
        #expect(conn.db.message.mapRows(\.text) == ["m9"])
    }

    struct Stop: Error, Equatable {}

    @Test func aThrowingTransformStopsAndRethrowsItsError() throws {
        let (conn, _) = try F.v2SubscribedToMessages((0..<5).map(Self.message))
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try conn.db.message.mapRows { (message: Message) throws(Stop) -> String in
                calls += 1
                if calls == 2 { throw Stop() }
                return message.text
            }
        }
        #expect(calls == 2)
        #expect(throws: Stop.self) { try conn.db.message.forEachRow { (_: Message) throws(Stop) in throw Stop() } }
    }
}
