import SpacetimeDB
import Synchronization
import Testing

/// The generated `my_player` view handle against the real SDK over an in-memory transport: the server
/// sends a view's rows in table updates under the view's name (`collect_table_update_for_view` in
/// SpacetimeDB's `crates/core/src/subscription/mod.rs`), and the handle sees them as a keyless table.
@Suite("Generated view handles")
struct ViewHandleTests {
    typealias Connected = ProcedureCallTests

    /// Callback lines, in the order they ran.
    final class Log: Sendable {
        private let lines = Mutex<[String]>([])

        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
        func clear() { lines.withLock { $0.removeAll() } }
    }

    static func player(_ id: UInt64, _ gamertag: String) -> Player {
        Player(
            id: id, gamertag: gamertag, class: .rogue, default: nil, self_: false,
            stats: Stats(i8: 0, u8: 0, i16: 0, u16: 0, i32: 0, u32: 0, i64: 0, u64: 0, i128: 0, u128: 0,
                i256: Int256(0), u256: UInt256(0), f32: 0, f64: 0),
            inventory: [], avatar: [], identity: .zero, lastSeen: .unixEpoch, writer: 0)
    }

    static func event(_ context: EventContext) -> String {
        switch context.event {
        case .subscribeApplied: return "applied"
        case .transaction: return "transaction"
        default: return "other"
        }
    }

    /// The subscription requests the client sent.
    static func subscriptions(_ transport: Connected.Transport) throws -> [V2.Subscribe] {
        try transport.sent.compactMap { bytes in
            if case .subscribe(let subscribe) = try V2.ClientMessage(bsatnBytes: bytes) { return subscribe }
            return nil
        }
    }

    static func update(querySet: QuerySetId, _ tables: [(String, inserts: [Player], deletes: [Player])]) -> [UInt8] {
        Connected.frame(.transactionUpdate(V2.TransactionUpdate(querySets: [V2.QuerySetUpdate(
            querySetId: querySet,
            tables: tables.map { table in
                V2.TableUpdate(tableName: table.0, rows: [.persistentTable(V2.PersistentTableRows(
                    inserts: BsatnRowList(rows: table.inserts), deletes: BsatnRowList(rows: table.deletes)))])
            })])))
    }

    @Test("the view's subscription rows fire onInsert and fill count and iter; the player table is separate")
    func subscriptionRows() throws {
        let (connection, transport) = try Connected.connected()
        let log = Log()
        connection.db.myPlayer.onInsert { context, row in log.add("view insert \(row.gamertag) (\(Self.event(context)))") }
        connection.db.myPlayer.onDelete { context, row in log.add("view delete \(row.gamertag) (\(Self.event(context)))") }
        connection.db.player.onInsert { _, row in log.add("table insert \(row.gamertag)") }
        connection.db.player.onUpdate { _, old, new in log.add("table update \(old.gamertag) -> \(new.gamertag)") }
        connection.subscriptionBuilder()
            .onApplied { context in log.add("applied: view \(context.db.myPlayer.count), table \(context.db.player.count)") }
            .subscribe(["SELECT * FROM player", "SELECT * FROM my_player"])
        let subscribe = try #require(try Self.subscriptions(transport).last)
        #expect(subscribe.queryStrings == ["SELECT * FROM player", "SELECT * FROM my_player"])

        let mine = Self.player(7, "zoë")
        let other = Self.player(8, "max")
        transport.onEvent(.frame(Connected.frame(.subscribeApplied(V2.SubscribeApplied(
            requestId: subscribe.requestId, querySetId: subscribe.querySetId,
            rows: V2.QueryRows(tables: [
                V2.SingleTableRows(table: "player", rows: BsatnRowList(rows: [mine, other])),
                V2.SingleTableRows(table: "my_player", rows: BsatnRowList(rows: [mine])),
            ]))))))
        connection.frameTick()
        #expect(log.all.first == "applied: view 1, table 2")
        #expect(log.all.filter { $0.hasPrefix("view") } == ["view insert zoë (applied)"])
        #expect(Set(log.all.filter { $0.hasPrefix("table") }) == ["table insert zoë", "table insert max"])
        #expect(connection.db.myPlayer.count == 1)
        #expect(connection.db.myPlayer.iter() == [mine])
        #expect(Array(connection.db.myPlayer) == [mine])
        #expect(connection.db.player.count == 2)

        // The player renames: the table pairs the change by its key; the keyless view sees a delete and
        // an insert, as SpacetimeDB's generators give a view without a primary key no update callbacks.
        log.clear()
        var renamed = mine
        renamed.gamertag = "zoé"
        transport.onEvent(.frame(Self.update(querySet: subscribe.querySetId, [
            ("player", inserts: [renamed], deletes: [mine]),
            ("my_player", inserts: [renamed], deletes: [mine]),
        ])))
        connection.frameTick()
        #expect(log.all.filter { $0.hasPrefix("table") } == ["table update zoë -> zoé"])
        #expect(Set(log.all.filter { $0.hasPrefix("view") }) == ["view delete zoë (transaction)", "view insert zoé (transaction)"])
        #expect(connection.db.myPlayer.iter() == [renamed])
        #expect(connection.db.player.count == 2)
    }

    @Test("removeCallback stops a view callback; rows leaving the view fire onDelete and empty it")
    func removeAndDelete() throws {
        let (connection, transport) = try Connected.connected()
        let log = Log()
        let removed = connection.db.myPlayer.onInsert { _, row in log.add("removed \(row.gamertag)") }
        connection.db.myPlayer.onInsert { _, row in log.add("insert \(row.gamertag)") }
        connection.db.myPlayer.onDelete { _, row in log.add("delete \(row.gamertag)") }
        connection.db.myPlayer.removeCallback(removed)
        connection.subscriptionBuilder().subscribe("SELECT * FROM my_player")
        let subscribe = try #require(try Self.subscriptions(transport).last)
        let mine = Self.player(7, "zoë")
        transport.onEvent(.frame(Connected.frame(.subscribeApplied(V2.SubscribeApplied(
            requestId: subscribe.requestId, querySetId: subscribe.querySetId,
            rows: V2.QueryRows(tables: [V2.SingleTableRows(table: "my_player", rows: BsatnRowList(rows: [mine]))]))))))
        connection.frameTick()
        transport.onEvent(.frame(Self.update(querySet: subscribe.querySetId, [("my_player", inserts: [], deletes: [mine])])))
        connection.frameTick()
        #expect(log.all == ["insert zoë", "delete zoë"])
        #expect(connection.db.myPlayer.count == 0)
        #expect(connection.db.myPlayer.iter().isEmpty)
        #expect(connection.db.player.count == 0)
    }

    @Test("the module descriptor registers the view, so subscribing to all tables includes it")
    func allTables() throws {
        #expect(RichModule.descriptor.tables.map(\.name).contains("my_player"))
        #expect(MyPlayerTableHandle.tableName == "my_player")
        #expect(MyPlayerTableHandle.descriptor.primaryKey == nil)
        #expect(MyPlayerTableHandle.descriptor.uniqueIndexes.isEmpty)
        let (connection, transport) = try Connected.connected()
        connection.subscriptionBuilder().subscribeToAllTables()
        let subscribe = try #require(try Self.subscriptions(transport).last)
        #expect(subscribe.queryStrings.contains("SELECT * FROM my_player"))
        #expect(subscribe.queryStrings == RichModule.descriptor.allTablesQueries)
    }
}
