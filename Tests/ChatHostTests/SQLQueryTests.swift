import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct SQLQueryTests {
    static let aliceHex = "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975"
    static let alice = Identity(hex: aliceHex) ?? .zero

    @Test(arguments: [
        ("SELECT * FROM user", SQLQuery(table: .user)),
        ("select * from message;", SQLQuery(table: .message)),
        ("  SeLeCt  *  FrOm  \"user\"  ", SQLQuery(table: .user)),
        ("SELECT * FROM user WHERE online = true", SQLQuery(table: .user, conditions: [.bool(column: "online", true)])),
        ("SELECT * FROM user WHERE online = FALSE AND name = 'it''s me'",
         SQLQuery(table: .user, conditions: [.bool(column: "online", false), .text(column: "name", "it's me")])),
        ("SELECT * FROM user WHERE identity = 0x\(aliceHex)",
         SQLQuery(table: .user, conditions: [.identity(column: "identity", alice)])),
        ("SELECT * FROM message WHERE sender = X'\(aliceHex)'",
         SQLQuery(table: .message, conditions: [.identity(column: "sender", alice)])),
        ("SELECT * FROM message WHERE \"sent\" = 1718487775346381",
         SQLQuery(table: .message, conditions: [.timestamp(column: "sent", 1_718_487_775_346_381)])),
    ])
    func parsesTheSubset(sql: String, expected: SQLQuery) throws {
        #expect(try SQLQuery.parse(sql) == [expected])
    }

    @Test func selectFromStarMeansEveryTable() throws {
        #expect(try SQLQuery.parse("SELECT * FROM *") == [SQLQuery(table: .message), SQLQuery(table: .user)])
    }

    @Test(arguments: [
        ("SELECT * FROM users", SQLError.unknownTable("users")),
        ("SELECT * FROM user WHERE nickname = 'x'", SQLError.unknownColumn(table: "user", column: "nickname")),
        ("SELECT * FROM user WHERE online = 'yes'", SQLError.typeMismatch(column: "online", expected: "Bool", found: "String")),
    ])
    func refusesWithAClearReason(sql: String, expected: SQLError) {
        #expect(throws: expected) { try SQLQuery.parse(sql) }
    }

    @Test(arguments: [
        "SELECT name FROM user", "DELETE FROM user", "SELECT * FROM user WHERE online > 1",
        "SELECT * FROM user WHERE online = true OR online = false", "SELECT * FROM user JOIN message", "",
        "SELECT * FROM user WHERE name = 'unterminated",
    ])
    func unsupportedSQLIsRefused(sql: String) {
        #expect(throws: SQLError.self) { try SQLQuery.parse(sql) }
    }

    @Test func matchesRowsByEveryCondition() throws {
        let query = try #require(try SQLQuery.parse("SELECT * FROM user WHERE online = true AND name = 'A'").first)
        #expect(query.matches(User(identity: SQLQueryTests.alice, name: "A", online: true)))
        #expect(!query.matches(User(identity: SQLQueryTests.alice, name: "A", online: false)))
        #expect(!query.matches(User(identity: SQLQueryTests.alice, name: nil, online: true)))
        #expect(!query.matches(Message(sender: SQLQueryTests.alice, sent: .unixEpoch, text: "A")))
    }
}
