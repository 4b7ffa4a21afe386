import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// `UpdateBuilder.rowList(of:in:)` encodes a query's rows straight into one row list; it must send
/// exactly what encoding each row on its own and joining them sent (hint, offsets and bytes).
@Suite struct UpdateBuilderRowListTests {
    static func tables() -> ChatTables {
        let names: [String?] = [nil, "bob", "carol with a longer name"]
        var changes = TransactionChanges()
        changes.insertedUsers = names.enumerated().map { index, name in
            User(identity: Identity(UInt256(UInt64(index + 1))), name: name, online: index != 1)
        }
        changes.insertedMessages = (0..<50).map { index in
            Message(
                sender: Identity(UInt256(UInt64(index % 3 + 1))),
                sent: Timestamp(microsecondsSinceUnixEpoch: 1_000_000 * Int64(index / 2)),
                text: String(repeating: "é", count: index % 7))
        }
        var tables = ChatTables()
        tables.apply(changes)
        return tables
    }

    static let queries = [
        "SELECT * FROM user",
        "SELECT * FROM user WHERE online = true",
        "SELECT * FROM user WHERE name = 'bob'",
        "SELECT * FROM user WHERE name = 'nobody'",
        "SELECT * FROM message",
        "SELECT * FROM message WHERE sent >= '1970-01-01T00:00:10Z'",
        "SELECT * FROM message WHERE sent >= '1970-01-01T00:00:10Z' AND sent < '1970-01-01T00:00:12Z'",
        "SELECT * FROM message WHERE sent >= '2100-01-01T00:00:00Z'",
        "SELECT * FROM message WHERE text = ''",
        "SELECT * FROM message WHERE sent = '1970-01-01T00:00:03Z'",
        "SELECT * FROM message WHERE sent != '1970-01-01T00:00:03Z'",
        "SELECT * FROM message WHERE sent <= '1970-01-01T00:00:05Z' AND text = 'é'",
        "SELECT * FROM message WHERE sent > '1970-01-01T00:00:20Z' OR text = ''",
    ]

    /// Messages arriving out of `sent` order (each inserted before the newer ones), then one removed
    /// on replay: the kept encoding must follow the rows wherever they go.
    static func shuffledTables(textLength: (Int) -> Int) throws -> ChatTables {
        var tables = ChatTables()
        for index in [7, 3, 9, 0, 5, 5, 1, 8, 2, 6, 4, 9] {
            var changes = TransactionChanges()
            changes.insertedMessages = [Message(
                sender: Identity(UInt256(UInt64(index + 1))),
                sent: Timestamp(microsecondsSinceUnixEpoch: 1_000_000 * Int64(index)),
                text: String(repeating: "a", count: textLength(index)))]
            tables.apply(changes)
        }
        let removed = try #require(tables.messages.first { $0.sent.microsecondsSinceUnixEpoch == 5_000_000 })
        try tables.replay(LogRecord.Change(table: "message", isInsert: false, row: removed.bsatnBytes()))
        return tables
    }

    @Test(arguments: queries)
    func outOfOrderInsertsAndARemovalKeepTheRowListExact(sql: String) throws {
        let query = try #require(try SQLQuery.parse(sql).first)
        for tables in [try Self.shuffledTables { $0 % 4 }, try Self.shuffledTables { _ in 3 }] {
            #expect(tables.messages.map(\.sent) == tables.messages.map(\.sent).sorted())
            let joined = BsatnRowList(encodedRows: UpdateBuilder.rows(of: query, in: tables))
            #expect(UpdateBuilder.rowList(of: query, in: tables) == joined, "\(sql)")
        }
    }

    @Test(arguments: queries)
    func rowListIsTheJoinedRowsOfTheQuery(sql: String) throws {
        let tables = Self.tables()
        let query = try #require(try SQLQuery.parse(sql).first)
        let joined = BsatnRowList(encodedRows: UpdateBuilder.rows(of: query, in: tables))
        #expect(UpdateBuilder.rowList(of: query, in: tables) == joined)
        let counted = UpdateBuilder.countedRowList(of: query, in: tables)
        #expect(counted.count == UpdateBuilder.rows(of: query, in: tables).count)
        #expect(try counted.rows.rows().count == counted.count)
    }

    @Test func snapshotsCountTheRowsTheyCarry() throws {
        let tables = Self.tables()
        let queries = try SQLQuery.parse("SELECT * FROM user") + SQLQuery.parse("SELECT * FROM message WHERE sent >= '1970-01-01T00:00:20Z'")
        let update = UpdateBuilder.v1Snapshot(queries: queries, tables: tables)
        #expect(update.tables.map(\.tableName) == ["user", "message"] || update.tables.map(\.tableName) == ["message", "user"])
        for table in update.tables {
            let expected = table.tableName == "user" ? 3 : 10
            #expect(table.numRows == UInt64(expected), "\(table.tableName)")
        }
        let removed = UpdateBuilder.v1SubscribeRows(query: queries[1], tables: tables, asDeletes: true)
        #expect(removed.tableRows.numRows == 10)
        let first = try #require(removed.tableRows.updates.first)
        guard case .uncompressed(let rows) = first else {
            Issue.record("expected uncompressed rows")
            return
        }
        #expect(try rows.deletes.decodeRows(as: Message.self).map(\.sent.microsecondsSinceUnixEpoch) == (20..<25).flatMap { [Int64($0) * 1_000_000, Int64($0) * 1_000_000] })
        #expect(try rows.inserts.decodeRows(as: Message.self).isEmpty)
        let kept = UpdateBuilder.v1SubscribeRows(query: queries[1], tables: tables, asDeletes: false, includeRows: false)
        #expect(kept.tableRows.numRows == 0)
    }
}
