import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct SQLPredicateTests {
    static let alice = Identity.fromClaims(issuer: "localhost", subject: "alice")
    static let bob = Identity.fromClaims(issuer: "localhost", subject: "bob")
    static let message = Message(sender: alice, sent: Timestamp(microsecondsSinceUnixEpoch: 1_000), text: "héllo")

    static func where_(_ clause: String) throws -> SQLQuery {
        try #require(try SQLQuery.parse("SELECT * FROM message WHERE \(clause)").first)
    }

    /// Each clause against a message from alice, sent at 1000 µs, text "héllo".
    @Test(arguments: [
        ("sent = '1970-01-01T00:00:00.001Z'", true), ("sent != '1970-01-01T00:00:00.001Z'", false),
        ("sent < '1970-01-01T00:00:00.001Z'", false), ("sent <= '1970-01-01T00:00:00.001Z'", true),
        ("sent > '1970-01-01T00:00:00.000999Z'", true), ("sent >= '1970-01-01T00:00:00.001001Z'", false),
        ("text = 'héllo'", true), ("text <> 'héllo'", false), ("text > 'h'", true), ("text < 'i'", true),
        // UTF-8 byte order, as Rust compares strings: "é" (0xC3 0xA9) sorts after "z".
        ("text > 'hz'", true), ("text < 'hz'", false),
        ("sender = '\(alice.hexString)'", true), ("sender = 0x\(bob.hexString)", false),
        ("sender = 0x\(bob.hexString) OR text = 'héllo'", true), ("sender = 0x\(bob.hexString) AND text = 'héllo'", false),
        ("(sender = 0x\(bob.hexString) OR text = 'héllo') AND sent > '1970-01-01T00:00:00Z'", true),
        ("sender = 0x\(bob.hexString) OR (text = 'héllo' AND sent > '1970-01-01T00:00:01Z')", false),
    ])
    func evaluatesOnARow(clause: String, expected: Bool) throws {
        #expect(try SQLPredicateTests.where_(clause).matches(SQLPredicateTests.message) == expected)
    }

    @Test func anUnsetNameMatchesNoComparison() throws {
        let unnamed = User(identity: SQLPredicateTests.alice, name: nil, online: true)
        let named = User(identity: SQLPredicateTests.alice, name: "B", online: true)
        for clause in ["name = 'A'", "name != 'A'", "name > 'A'"] {
            let query = try #require(try SQLQuery.parse("SELECT * FROM user WHERE \(clause)").first)
            #expect(!query.matches(unnamed), "\(clause)")
            #expect(query.matches(named) == (clause != "name = 'A'"), "\(clause)")
        }
    }

    @Test(arguments: [
        ("sent >= '1970-01-01T00:00:00.000010Z'", Optional(10...Int64.max)),
        ("sent > '1970-01-01T00:00:00.000010Z' AND sent < '1970-01-01T00:00:00.000020Z'", Optional(11...19)),
        ("sent = '1970-01-01T00:00:00.000010Z' OR sent = '1970-01-01T00:00:00.000020Z'", Optional(10...20)),
        ("sent > '1970-01-01T00:00:00.000020Z' AND sent < '1970-01-01T00:00:00.000010Z'", nil),
        ("text = 'x'", Optional(Int64.min...Int64.max)),
        ("text = 'x' OR sent >= '1970-01-01T00:00:00.000010Z'", Optional(Int64.min...Int64.max)),
        ("text = 'x' AND sent <= '1970-01-01T00:00:00.000010Z'", Optional(Int64.min...10)),
        ("sent != '1970-01-01T00:00:00.000010Z'", Optional(Int64.min...Int64.max)),
    ])
    func boundsTheSentColumn(clause: String, expected: ClosedRange<Int64>?) throws {
        #expect(try SQLPredicateTests.where_(clause).sentBounds == expected)
    }

    @Test func rowsOfAWindowComeFromTheSentSliceInOrder() throws {
        var tables = ChatTables()
        var changes = TransactionChanges()
        // Out of order on purpose: the table keeps them ordered by `sent`.
        for micros in [50, 10, 40, 20, 30, 20] as [Int64] {
            changes.insertedMessages.append(
                Message(sender: SQLPredicateTests.alice, sent: Timestamp(microsecondsSinceUnixEpoch: micros), text: "\(micros)"))
        }
        tables.apply(changes)
        #expect(tables.messages.map(\.sent.microsecondsSinceUnixEpoch) == [10, 20, 20, 30, 40, 50])
        let window = try SQLPredicateTests.where_("sent >= '1970-01-01T00:00:00.000020Z' AND sent < '1970-01-01T00:00:00.000040Z'")
        let rows = try UpdateBuilder.rows(of: window, in: tables).map { try Message(bsatnBytes: $0) }
        #expect(rows.map(\.sent.microsecondsSinceUnixEpoch) == [20, 20, 30])
        #expect(tables.messages(sentIn: 41...49).isEmpty)
        #expect(tables.messages(sentIn: Int64.min...Int64.max).count == 6)
    }
}
