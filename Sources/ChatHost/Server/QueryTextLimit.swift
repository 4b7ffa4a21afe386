/// The cap on a query's SQL text, checked where a query arrives, before any parsing: a 30 MB query
/// text used to take 650 MB to parse. SpacetimeDB bounds its SQL parser by expression depth; this
/// host's subset needs nothing near 64 KiB (`SELECT * FROM message WHERE …`), and SQLite's default
/// cap on statement text is 1,000,000 bytes.
enum QueryTextLimit {
    /// The longest SQL text accepted, in UTF-8 bytes.
    static let maxBytes = 65_536

    /// Parses `sql` if it is within ``maxBytes``; refuses it unread otherwise.
    static func parse(_ sql: String) throws(SQLError) -> [SQLQuery] {
        let length = sql.utf8.count
        guard length <= maxBytes else {
            throw .unsupported(
                sql: String(sql.prefix(40)) + "…",
                reason: "the query text is \(length) bytes; the limit is \(maxBytes)")
        }
        return try SQLQuery.parse(sql)
    }
}
