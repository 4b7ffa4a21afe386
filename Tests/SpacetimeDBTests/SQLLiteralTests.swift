import SpacetimeDB
import Testing

@Suite struct SQLLiteralTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000000Z"),
        (1_796_533_200_000_000, "2026-12-06T05:00:00.000000Z"),
        (1_796_533_200_123_456, "2026-12-06T05:00:00.123456Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
    ])
    func timestampsWriteAsRFC3339AndReadBack(micros: Int64, text: String) {
        let timestamp = Timestamp(microsecondsSinceUnixEpoch: micros)
        #expect(timestamp.rfc3339 == text)
        #expect(Timestamp(rfc3339: text) == timestamp)
    }

    @Test(arguments: [
        ("2026-12-06T05:00:00Z", Optional<Int64>(1_796_533_200_000_000)),
        ("2026-12-06t05:00:00z", 1_796_533_200_000_000),
        ("2026-12-06 07:00:00+02:00", 1_796_533_200_000_000),
        ("2026-12-06T04:30:00-00:30", 1_796_533_200_000_000),
        ("2026-12-06T05:00:00.5Z", 1_796_533_200_500_000),
        ("2026-12-06T05:00:00.1234567891Z", 1_796_533_200_123_456),
        ("2016-12-31T23:59:60Z", 1_483_228_799_999_999),
        ("2026-12-06", nil), ("2026-12-06T05:00:00", nil), ("2026-02-30T00:00:00Z", nil), ("2026-12-06T24:00:00Z", nil),
        ("2026-12-06T05:00:00.Z", nil), ("2026-12-06T05:00:00Z ", nil), ("1718487775346381", nil), ("", nil),
        ("2026-12-06T05:00:00+2:00", nil),
    ])
    func rfc3339Parsing(text: String, micros: Int64?) {
        #expect(Timestamp(rfc3339: text)?.microsecondsSinceUnixEpoch == micros)
    }

    @Test func literalsAreEscaped() throws {
        let identity = try #require(Identity(hex: "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975"))
        #expect(SQLLiteral.string("it's").text == "'it''s'")
        #expect(SQLLiteral.string("'; DROP TABLE user; --").text == "'''; DROP TABLE user; --'")
        #expect(SQLLiteral.identity(identity).text == "0xc200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975")
        #expect(SQLLiteral.bool(false).text == "false")
        #expect(SQLLiteral.integer(-42).text == "-42")
        #expect(SQLLiteral.timestamp(.unixEpoch).text == "'1970-01-01T00:00:00.000000Z'")
        let since = Timestamp(microsecondsSinceUnixEpoch: 1_796_533_200_000_000)
        let name = "o'brien"
        let sql: SQLText = "SELECT * FROM message WHERE sent >= \(since) AND text != \(name) AND \(true) = \(true)"
        #expect(sql.sql == "SELECT * FROM message WHERE sent >= '2026-12-06T05:00:00.000000Z' AND text != 'o''brien' AND true = true")
    }
}
