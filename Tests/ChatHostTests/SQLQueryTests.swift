import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct SQLQueryTests {
    static let aliceHex = "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975"
    static let alice = Identity(hex: aliceHex) ?? .zero
    /// 2026-12-06T05:00:00Z in microseconds.
    static let five: Int64 = 1_796_533_200_000_000
    static let timestampType = "(__timestamp_micros_since_unix_epoch__: I64)"

    static func user(_ predicate: SQLPredicate) -> SQLQuery { SQLQuery(table: .user, predicate: predicate) }
    static func message(_ predicate: SQLPredicate) -> SQLQuery { SQLQuery(table: .message, predicate: predicate) }

    @Test(arguments: [
        ("SELECT * FROM user", SQLQuery(table: .user)),
        ("select * from message;", SQLQuery(table: .message)),
        ("  SeLeCt  *  FrOm  \"user\"  ", SQLQuery(table: .user)),
        ("SELECT * FROM user WHERE online = true", user(.compare(column: "online", .equal, .bool(true)))),
        ("SELECT * FROM user WHERE online = FALSE AND name = 'it''s me'",
         user(.and(.compare(column: "online", .equal, .bool(false)), .compare(column: "name", .equal, .string("it's me"))))),
        ("SELECT * FROM user WHERE identity = 0x\(aliceHex)", user(.compare(column: "identity", .equal, .identity(alice)))),
        ("SELECT * FROM message WHERE sender = X'\(aliceHex)'", message(.compare(column: "sender", .equal, .identity(alice)))),
        ("SELECT * FROM message WHERE sender <> '\(aliceHex)'", message(.compare(column: "sender", .notEqual, .identity(alice)))),
        ("SELECT * FROM message WHERE sent >= '2026-12-06T05:00:00Z'", message(.compare(column: "sent", .greaterOrEqual, .timestamp(five)))),
        ("SELECT * FROM message WHERE message.sent > '2026-12-06T07:00:00+02:00'",
         message(.compare(column: "sent", .greater, .timestamp(five)))),
        ("SELECT * FROM message WHERE \"sent\" < '2026-12-06 05:00:00.000001Z'", message(.compare(column: "sent", .less, .timestamp(five + 1)))),
        ("SELECT * FROM message WHERE '2026-12-06T05:00:00Z' <= sent", message(.compare(column: "sent", .greaterOrEqual, .timestamp(five)))),
        ("SELECT * FROM message WHERE text != 'x' OR text = 'y' AND sent > '2026-12-06T05:00:00Z'",
         message(.or(.compare(column: "text", .notEqual, .string("x")),
                     .and(.compare(column: "text", .equal, .string("y")), .compare(column: "sent", .greater, .timestamp(five)))))),
        ("SELECT * FROM message WHERE (text = 'x' OR text = 'y') AND sent <= '2026-12-06T05:00:00Z'",
         message(.and(.or(.compare(column: "text", .equal, .string("x")), .compare(column: "text", .equal, .string("y"))),
                      .compare(column: "sent", .lessOrEqual, .timestamp(five))))),
        ("SELECT * FROM message WHERE text = 42", message(.compare(column: "text", .equal, .string("42")))),
    ])
    func parsesTheSubset(sql: String, expected: SQLQuery) throws {
        #expect(try SQLQuery.parse(sql) == [expected])
    }

    @Test func selectFromStarMeansEveryTable() throws {
        #expect(try SQLQuery.parse("SELECT * FROM *") == [SQLQuery(table: .message), SQLQuery(table: .user)])
    }

    /// SpacetimeDB's texts (crates/expr/src/errors.rs) for the same mistakes.
    @Test(arguments: [
        ("SELECT * FROM users", "`users` is not a valid table"),
        ("SELECT * FROM user WHERE nickname = 'x'", "`nickname` is not in scope"),
        ("SELECT * FROM message WHERE msg.sent = 'x'", "`msg` is not in scope"),
        ("SELECT * FROM user WHERE online = 'yes'", "The literal expression `yes` cannot be parsed as type `Bool`"),
        ("SELECT * FROM message WHERE sent >= '2026-13-01T00:00:00Z'",
         "The literal expression `2026-13-01T00:00:00Z` cannot be parsed as type `\(timestampType)`"),
        ("SELECT * FROM message WHERE sent >= 1718487775346381",
         "The literal expression `1718487775346381` cannot be parsed as type `\(timestampType)`"),
        ("SELECT * FROM message WHERE sender = 0x12",
         "The literal expression `12` cannot be parsed as type `(__identity__: U256)`"),
        ("SELECT * FROM message WHERE text = true", "Unexpected type: (expected) Bool != String (inferred)"),
        ("SELECT * FROM message WHERE 1 = 1", "Cannot resolve type for literal expression"),
    ])
    func refusesWithSpacetimeDBsText(sql: String, expected: String) {
        #expect(throws: SQLError.self) { try SQLQuery.parse(sql) }
        do {
            _ = try SQLQuery.parse(sql)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test(arguments: [
        "SELECT name FROM user", "DELETE FROM user", "SELECT * FROM user JOIN message", "",
        "SELECT * FROM user WHERE name = 'unterminated", "SELECT * FROM message WHERE (text = 'x'",
        "SELECT * FROM message WHERE text = 'x' AND", "SELECT * FROM message WHERE text", "SELECT * FROM message WHERE text ! 'x'",
        "SELECT * FROM message WHERE text = text", "SELECT * FROM message WHERE text = 'x' text = 'y'",
    ])
    func unsupportedSQLIsRefused(sql: String) {
        #expect(throws: SQLError.self) { try SQLQuery.parse(sql) }
    }

    @Test func descriptionParsesBackToTheSameQuery() throws {
        for sql in [
            "SELECT * FROM message WHERE (text = 'it''s' OR sender != 0x\(SQLQueryTests.aliceHex)) AND sent >= '2026-12-06T05:00:00Z'",
            "SELECT * FROM user WHERE online = true OR name = 'A' AND identity > 0x\(SQLQueryTests.aliceHex)",
        ] {
            let query = try #require(try SQLQuery.parse(sql).first)
            #expect(try SQLQuery.parse(query.description) == [query])
        }
    }
}
