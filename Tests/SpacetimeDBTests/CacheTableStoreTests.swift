import Logging
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The cache's table store on its own: refcounts, primary-key pairing, cancellation, reconciliation.
@Suite struct CacheTableStoreTests {
    typealias F = SDKFixtures

    func store() -> TableStore<User> { TableStore(descriptor: UserTableHandle.descriptor) }

    func events(_ events: any TableEventsProtocol) throws -> TableEvents<User> {
        try #require(events as? TableEvents<User>)
    }

    @Test func refcountsPairUpdatesAndCancel() throws {
        var users = store()
        let a = F.user(F.me, "A")
        let b = F.user(F.other, "B")
        var result = try events(users.apply(inserts: [F.rows([a, b]), F.rows([a])], deletes: []))
        #expect(result.inserts.map(\.label) == ["me:A:on", "other:B:on"])
        #expect(users.count == 2)
        // One of the two references to `a` goes: no event; `b` is renamed: an update, not delete + insert.
        let renamed = F.user(F.other, "Bee")
        result = try events(users.apply(inserts: [F.rows([renamed])], deletes: [F.rows([a, b])]))
        #expect(result.inserts.isEmpty && result.deletes.isEmpty)
        #expect(result.updates.map { "\($0.old.label)->\($0.new.label)" } == ["other:B:on->other:Bee:on"])
        #expect(users.find(index: "identity", key: F.other)?.name == "Bee")
        #expect(users.find(index: "identity", key: F.me)?.name == "A")
        // Insert and delete of a row that was not cached cancel out.
        let ghost = F.user(Identity(UInt256(UInt64(99))), "ghost")
        result = try events(users.apply(inserts: [F.rows([ghost])], deletes: [F.rows([ghost])]))
        #expect(result.isEmpty)
        #expect(users.count == 2)
        // The last reference goes: a delete, and the index forgets the key.
        result = try events(users.apply(inserts: [], deletes: [F.rows([a])]))
        #expect(result.deletes.map(\.label) == ["me:A:on"])
        #expect(users.find(index: "identity", key: F.me) == nil)
    }

    @Test func tablesWithoutPrimaryKeyNeverUpdate() throws {
        var messages = TableStore(descriptor: MessageTableHandle.descriptor)
        let old = Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "a")
        let new = Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "b")
        _ = try messages.apply(inserts: [F.rows([old])], deletes: [])
        let result = try #require(try messages.apply(inserts: [F.rows([new])], deletes: [F.rows([old])]) as? TableEvents<Message>)
        #expect(result.inserts.map(\.text) == ["b"])
        #expect(result.deletes.map(\.text) == ["a"])
        #expect(result.updates.isEmpty)
    }

    @Test func reconcileReportsOnlyDifferences() throws {
        var users = store()
        _ = try users.apply(inserts: [F.rows([F.user(F.me, "A"), F.user(F.other, "B")])], deletes: [])
        var fresh = store()
        let carol = Identity(UInt256(UInt64(3)))
        _ = try fresh.apply(inserts: [F.rows([F.user(F.me, "A"), F.user(F.other, "B", online: false), F.user(carol, "C")])], deletes: [])
        let result = try events(users.reconcile(with: fresh))
        #expect(result.inserts.map(\.label) == ["other:C:on"])
        #expect(result.deletes.isEmpty)
        #expect(result.updates.map { "\($0.old.label)->\($0.new.label)" } == ["other:B:on->other:B:off"])
        #expect(users.count == 3)
        #expect(users.find(index: "identity", key: carol)?.name == "C")
    }

    @Test func unknownTablesAreSkippedAndBadRowsThrow() throws {
        var cache = ClientCache(module: QuickstartChatModule.descriptor)
        let logger = Logger(label: "test")
        let events = try cache.apply([TableRowChanges(tableName: "nope", inserts: [F.rows([F.user(F.me, "A")])], deletes: [])], logger: logger)
        #expect(events.isEmpty)
        let broken = BsatnRowList(sizeHint: .fixedSize(3), rowsData: [1, 2, 3])
        #expect(throws: BSATNDecodingError.self) {
            _ = try cache.apply([TableRowChanges(tableName: "user", inserts: [broken], deletes: [])], logger: logger)
        }
    }

    /// A message whose second table has a row that does not decode changes nothing: not the first
    /// table's rows, not its indexes, not its reference counts.
    @Test func aBadRowInOneTableLeavesEveryTableAsItWas() throws {
        var cache = ClientCache(module: QuickstartChatModule.descriptor)
        let logger = Logger(label: "test")
        let a = F.user(F.me, "A")
        _ = try cache.apply([TableRowChanges(tableName: "user", inserts: [F.rows([a])], deletes: [])], logger: logger)
        let good = Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "fine")
        // A message row cut short: its text's length prefix promises more bytes than follow.
        var truncated = BSATNWriter()
        good.encode(to: &truncated)
        let badRow = BsatnRowList(sizeHint: .rowOffsets([0]), rowsData: ArraySlice(truncated.storage.dropLast(2)))
        let renamed = F.user(F.me, "Renamed")
        #expect(throws: BSATNDecodingError.self) {
            _ = try cache.apply([
                TableRowChanges(tableName: "user", inserts: [F.rows([renamed, F.user(F.other, "B")])], deletes: [F.rows([a])]),
                TableRowChanges(tableName: "message", inserts: [F.rows([good]), badRow], deletes: []),
            ], logger: logger)
        }
        let users = try #require(cache.store("user", as: User.self))
        #expect(users.count == 1)
        #expect(users.find(index: "identity", key: F.me)?.name == "A")
        #expect(users.find(index: "identity", key: F.other) == nil)
        #expect(cache.store("message", as: Message.self)?.count == 0)
        // The same changes without the bad row apply in full.
        let events = try cache.apply([
            TableRowChanges(tableName: "user", inserts: [F.rows([renamed])], deletes: [F.rows([a])]),
            TableRowChanges(tableName: "message", inserts: [F.rows([good])], deletes: []),
        ], logger: logger)
        #expect(events.count == 2)
        #expect(cache.store("user", as: User.self)?.find(index: "identity", key: F.me)?.name == "Renamed")
    }

    /// A message that touches one table (prepared and committed in one step) with a row that does not
    /// decode after good ones changes nothing either.
    @Test func aBadRowInASingleTableMessageLeavesTheTableAsItWas() throws {
        var cache = ClientCache(module: QuickstartChatModule.descriptor)
        let logger = Logger(label: "test")
        let a = F.user(F.me, "A")
        _ = try cache.apply([TableRowChanges(tableName: "user", inserts: [F.rows([a])], deletes: [])], logger: logger)
        var truncated = BSATNWriter()
        F.user(F.other, "B").encode(to: &truncated)
        let badRow = BsatnRowList(sizeHint: .rowOffsets([0]), rowsData: ArraySlice(truncated.storage.dropLast(1)))
        let renamed = F.user(F.me, "Renamed")
        #expect(throws: BSATNDecodingError.self) {
            _ = try cache.apply(
                [TableRowChanges(tableName: "user", inserts: [F.rows([renamed, F.user(F.other, "C")]), badRow], deletes: [F.rows([a])])],
                logger: logger)
        }
        let users = try #require(cache.store("user", as: User.self))
        #expect(users.count == 1)
        #expect(users.find(index: "identity", key: F.me)?.name == "A")
        #expect(users.find(index: "identity", key: F.other) == nil)
        let events = try cache.apply(
            [TableRowChanges(tableName: "user", inserts: [F.rows([renamed])], deletes: [F.rows([a])])], logger: logger)
        let updated = try #require(events.first as? TableEvents<User>)
        #expect(updated.updates.map(\.new.name) == ["Renamed"])
        #expect(cache.store("user", as: User.self)?.find(index: "identity", key: F.me)?.name == "Renamed")
    }
}
