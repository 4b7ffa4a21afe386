import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The table store against a plain model (a dictionary from row bytes to reference counts) over
/// seeded random messages: counts, events, `find` through the unique index, and reconciliation,
/// while removals move rows around inside the store.
@Suite struct TableStoreModelTests {
    typealias F = SDKFixtures

    /// Thirty users with distinct identities, so no two cached rows share a primary key.
    static let pool: [User] = (0..<30).map { (index: Int) -> User in
        let identity = Identity(UInt256(UInt64(0xA000 + index)))
        let name: String? = index % 4 == 0 ? nil : "user \(index)"
        return User(identity: identity, name: name, online: index % 3 == 0)
    }

    struct Model {
        var counts: [[UInt8]: Int] = [:]

        /// Applies a message as the SDK documents it: inserts first, then deletes; returns the rows
        /// that entered and left the cache (inserted and deleted within the message: neither).
        mutating func apply(inserts: [User], deletes: [User]) -> (inserted: [User], deleted: [User]) {
            let before = counts
            for row in inserts { counts[row.bsatnBytes(), default: 0] += 1 }
            for row in deletes {
                let key = row.bsatnBytes()
                guard let count = counts[key] else { continue }
                counts[key] = count > 1 ? count - 1 : nil
            }
            let inserted = Set(counts.keys).subtracting(before.keys)
            let deleted = Set(before.keys).subtracting(counts.keys)
            return (Self.users(inserted), Self.users(deleted))
        }

        static func users(_ keys: some Sequence<[UInt8]>) -> [User] {
            keys.compactMap { try? User(bsatnBytes: $0) }
        }
    }

    func labels(_ rows: [User]) -> [String] { rows.map { "\($0.identity):\($0.name ?? "-")" }.sorted() }

    func expectSame(_ store: TableStore<User>, _ model: Model, _ note: String) {
        #expect(store.count == model.counts.count, "\(note)")
        #expect(labels(store.allRows) == labels(Model.users(model.counts.keys)), "\(note)")
        for user in Self.pool {
            let cached = model.counts[user.bsatnBytes()] != nil
            #expect(store.find(index: "identity", key: user.identity)?.name == (cached ? user.name : nil), "\(note): find \(user.identity)")
        }
    }

    @Test(arguments: [7, 8, 9, 10] as [UInt64])
    func randomMessagesMatchTheModel(seed: UInt64) throws {
        var random = RowHashIndexTests.SplitMix(state: seed)
        var store = TableStore(descriptor: UserTableHandle.descriptor)
        var model = Model()
        for step in 0..<300 {
            let inserts = (0..<Int.random(in: 0..<6, using: &random)).compactMap { _ in Self.pool.randomElement(using: &random) }
            // Deletes mostly of cached rows, sometimes of rows never sent.
            let cached = Model.users(model.counts.keys)
            let deletes = (0..<Int.random(in: 0..<6, using: &random)).compactMap { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? Self.pool.randomElement(using: &random) : cached.randomElement(using: &random)
            }
            let events = try #require(try store.apply(inserts: [F.rows(inserts)], deletes: [F.rows(deletes)]) as? TableEvents<User>)
            let expected = model.apply(inserts: inserts, deletes: deletes)
            #expect(labels(events.inserts) == labels(expected.inserted), "step \(step) inserts")
            #expect(labels(events.deletes) == labels(expected.deleted), "step \(step) deletes")
            #expect(events.updates.isEmpty)
            expectSame(store, model, "step \(step)")
        }
        // Reconciling with a fresh copy of other rows reports exactly the set differences.
        var fresh = TableStore(descriptor: UserTableHandle.descriptor)
        let freshRows = Array(Self.pool.shuffled(using: &random).prefix(12))
        _ = try fresh.apply(inserts: [F.rows(freshRows)], deletes: [])
        let before = Set(model.counts.keys)
        let after = Set(freshRows.map { $0.bsatnBytes() })
        let events = try #require(store.reconcile(with: fresh) as? TableEvents<User>)
        #expect(labels(events.inserts) == labels(Model.users(after.subtracting(before))))
        #expect(labels(events.deletes) == labels(Model.users(before.subtracting(after))))
        model.counts = Dictionary(uniqueKeysWithValues: after.map { ($0, 1) })
        expectSame(store, model, "after reconcile")
    }

    /// A row sent twice in one message is one row with two references; deleting it once keeps it.
    @Test func aRowRepeatedInOneMessageIsCountedTwice() throws {
        var store = TableStore(descriptor: UserTableHandle.descriptor)
        let a = Self.pool[1]
        var events = try #require(try store.apply(inserts: [F.rows([a, a])], deletes: []) as? TableEvents<User>)
        #expect(labels(events.inserts) == labels([a]))
        events = try #require(try store.apply(inserts: [], deletes: [F.rows([a])]) as? TableEvents<User>)
        #expect(events.isEmpty)
        #expect(store.count == 1)
        events = try #require(try store.apply(inserts: [], deletes: [F.rows([a])]) as? TableEvents<User>)
        #expect(labels(events.deletes) == labels([a]))
        #expect(store.count == 0)
    }
}
