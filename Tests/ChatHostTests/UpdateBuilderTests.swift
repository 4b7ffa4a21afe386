import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct UpdateBuilderTests {
    let alice = Identity.fromClaims(issuer: "localhost", subject: "alice")

    @Test func overlappingV1QueriesEachCarryTheRow() throws {
        var changes = TransactionChanges()
        changes.deletedUsers = [User(identity: alice, name: nil, online: true)]
        changes.insertedUsers = [User(identity: alice, name: "A", online: true)]
        let all = SQLQuery(table: .user)
        let named = SQLQuery(table: .user, predicate: .compare(column: "name", .equal, .string("A")))
        let update = UpdateBuilder.v1TransactionUpdate(queries: [all, named, SQLQuery(table: .message)], changes: changes)
        #expect(update.tables.count == 1)
        let table = try #require(update.tables.first)
        #expect(table.tableName == "user" && table.tableId == 4097)
        #expect(table.updates.count == 2)
        #expect(table.numRows == 3)
        guard case .uncompressed(let first) = table.updates[0], case .uncompressed(let second) = table.updates[1] else {
            Issue.record("expected uncompressed updates")
            return
        }
        #expect(try first.deletes.decodeRows(as: User.self) == changes.deletedUsers)
        #expect(try first.inserts.decodeRows(as: User.self) == changes.insertedUsers)
        #expect(try second.deletes.decodeRows(as: User.self).isEmpty)
        #expect(try second.inserts.decodeRows(as: User.self) == changes.insertedUsers)
    }

    @Test func v2QuerySetsGetTheirOwnRowsInsertsFirst() throws {
        var changes = TransactionChanges()
        changes.insertedMessages = [Message(sender: alice, sent: .unixEpoch, text: "hi")]
        let sets: [(id: UInt32, queries: [SQLQuery])] = [
            (1, [SQLQuery(table: .message)]), (2, [SQLQuery(table: .user)]), (3, [SQLQuery(table: .message)]),
        ]
        let updates = UpdateBuilder.v2QuerySetUpdates(sets: sets, changes: changes)
        #expect(updates.map(\.querySetId.id) == [1, 3])
        guard case .persistentTable(let rows) = updates[0].tables[0].rows[0] else {
            Issue.record("expected persistent rows")
            return
        }
        #expect(try rows.inserts.decodeRows(as: Message.self) == changes.insertedMessages)
        #expect(try rows.deletes.decodeRows(as: Message.self).isEmpty)
    }
}
