import QuickstartChat
import SpacetimeDB

/// A subscription query in the SQL subset the host understands:
/// `SELECT * FROM <table> [WHERE <predicate>]`, and `SELECT * FROM *`.
///
/// Keywords are case-insensitive, identifiers may be double-quoted (and qualified, `message.sent`),
/// literals are integers, `'strings'` (with `''` for a quote), `true`/`false`, hex (`0x…` or `X'…'`)
/// for identities and RFC 3339 strings for timestamps. The predicate is described in ``SQLPredicate``.
public struct SQLQuery: Hashable, Sendable, CustomStringConvertible {
    /// The table the query reads.
    public var table: ChatTable
    /// The WHERE clause; nil selects every row.
    public var predicate: SQLPredicate?

    /// Creates a query.
    public init(table: ChatTable, predicate: SQLPredicate? = nil) {
        self.table = table
        self.predicate = predicate
    }

    /// Parses one SQL string; `SELECT * FROM *` gives one query per table.
    public static func parse(_ sql: String) throws(SQLError) -> [SQLQuery] {
        var tokens = try SQLTokenizer.tokenize(sql)
        if case .symbol(";") = tokens.last { tokens.removeLast() }
        var cursor = 0
        func next() -> SQLToken? {
            defer { cursor += 1 }
            return cursor < tokens.count ? tokens[cursor] : nil
        }
        func expectKeyword(_ keyword: String) throws(SQLError) {
            guard case .word(let word) = next(), word.uppercased() == keyword else {
                throw .unsupported(sql: sql, reason: "expected \(keyword)")
            }
        }
        try expectKeyword("SELECT")
        guard case .symbol("*") = next() else {
            throw .unsupported(sql: sql, reason: "only `SELECT *` is supported")
        }
        try expectKeyword("FROM")
        let tableName: String
        switch next() {
        case .symbol("*"):
            guard cursor >= tokens.count else { throw .unsupported(sql: sql, reason: "unexpected text after `*`") }
            return ChatTable.allCases.map { SQLQuery(table: $0) }
        case .word(let word): tableName = word
        case .quoted(let word): tableName = word
        default: throw .unsupported(sql: sql, reason: "expected a table name after FROM")
        }
        guard let table = ChatTable(name: tableName) else { throw .unknownTable(tableName) }
        var predicate: SQLPredicate?
        if cursor < tokens.count {
            try expectKeyword("WHERE")
            var parser = SQLPredicateParser(sql: sql, table: table, tokens: tokens, start: cursor)
            predicate = try parser.parse()
        }
        return [SQLQuery(table: table, predicate: predicate)]
    }

    /// Whether a `user` row satisfies the query (false for a query on another table).
    public func matches(_ user: User) -> Bool {
        table == .user && (predicate?.evaluate(on: user) ?? true)
    }

    /// Whether a `message` row satisfies the query (false for a query on another table).
    public func matches(_ message: Message) -> Bool {
        table == .message && (predicate?.evaluate(on: message) ?? true)
    }

    /// The range of `sent` (microseconds) the query can select from `message`; nil when none.
    var sentBounds: ClosedRange<Int64>? {
        guard let predicate else { return Int64.min...Int64.max }
        return predicate.bounds(ofTimestampColumn: "sent")
    }

    /// The text shown to users and in logs.
    public var description: String {
        let base = "SELECT * FROM \(table.rawValue)"
        guard let predicate else { return base }
        return base + " WHERE \(predicate)"
    }
}
