import QuickstartChat
import SpacetimeDB

/// A subscription query in the SQL subset the host understands:
/// `SELECT * FROM <table> [WHERE <column> = <literal> [AND ...]]`, and `SELECT * FROM *`.
///
/// Keywords are case-insensitive, identifiers may be double-quoted, literals are integers, `'strings'`
/// (with `''` for a quote), `true`/`false` and hex (`0x…` or `X'…'`) for identities.
public struct SQLQuery: Hashable, Sendable, CustomStringConvertible {
    /// One `column = value` condition, already type-checked against the column.
    public enum Condition: Hashable, Sendable {
        /// An identity column equals this identity.
        case identity(column: String, Identity)
        /// A string column (or the optional `name`) equals this text.
        case text(column: String, String)
        /// A bool column equals this value.
        case bool(column: String, Bool)
        /// A timestamp column equals this many microseconds since the epoch.
        case timestamp(column: String, Int64)
    }

    /// The table the query reads.
    public var table: ChatTable
    /// All conditions must hold (`AND`).
    public var conditions: [Condition]

    /// Creates a query.
    public init(table: ChatTable, conditions: [Condition] = []) {
        self.table = table
        self.conditions = conditions
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
        var conditions: [Condition] = []
        if cursor < tokens.count {
            try expectKeyword("WHERE")
            while true {
                let column: String
                switch next() {
                case .word(let word): column = word
                case .quoted(let word): column = word
                default: throw .unsupported(sql: sql, reason: "expected a column name in WHERE")
                }
                guard case .symbol("=") = next() else {
                    throw .unsupported(sql: sql, reason: "only `column = literal` conditions are supported")
                }
                guard let literal = next() else { throw .unsupported(sql: sql, reason: "expected a literal after `=`") }
                conditions.append(try condition(table: table, column: column, literal: literal))
                guard let following = next() else { break }
                guard case .word(let word) = following, word.uppercased() == "AND" else {
                    throw .unsupported(sql: sql, reason: "only AND may join conditions")
                }
            }
        }
        return [SQLQuery(table: table, conditions: conditions)]
    }

    static func condition(table: ChatTable, column: String, literal: SQLToken) throws(SQLError) -> Condition {
        guard table.columns.contains(column) else { throw .unknownColumn(table: table.rawValue, column: column) }
        switch (table, column) {
        case (.user, "identity"), (.message, "sender"):
            let hex: String
            switch literal {
            case .hex(let digits): hex = digits
            case .string(let text): hex = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
            default: throw .typeMismatch(column: column, expected: "Identity", found: literal.typeName)
            }
            guard hex.count == 64, let identity = Identity(hex: hex.lowercased()) else {
                throw .typeMismatch(column: column, expected: "Identity", found: "hex of \(hex.count) digits")
            }
            return .identity(column: column, identity)
        case (.user, "name"), (.message, "text"):
            guard case .string(let text) = literal else {
                throw .typeMismatch(column: column, expected: "String", found: literal.typeName)
            }
            return .text(column: column, text)
        case (.user, "online"):
            guard case .bool(let value) = literal else {
                throw .typeMismatch(column: column, expected: "Bool", found: literal.typeName)
            }
            return .bool(column: column, value)
        case (.message, "sent"):
            guard case .integer(let text) = literal, let micros = Int64(text) else {
                throw .typeMismatch(column: column, expected: "Timestamp (microseconds)", found: literal.typeName)
            }
            return .timestamp(column: column, micros)
        default:
            throw .unknownColumn(table: table.rawValue, column: column)
        }
    }

    /// Whether a `user` row satisfies the query (false for a query on another table).
    public func matches(_ user: User) -> Bool {
        guard table == .user else { return false }
        return conditions.allSatisfy { condition in
            switch condition {
            case .identity(_, let identity): return user.identity == identity
            case .text(_, let text): return user.name == text
            case .bool(_, let value): return user.online == value
            case .timestamp: return false
            }
        }
    }

    /// Whether a `message` row satisfies the query (false for a query on another table).
    public func matches(_ message: Message) -> Bool {
        guard table == .message else { return false }
        return conditions.allSatisfy { condition in
            switch condition {
            case .identity(_, let identity): return message.sender == identity
            case .text(_, let text): return message.text == text
            case .timestamp(_, let micros): return message.sent.microsecondsSinceUnixEpoch == micros
            case .bool: return false
            }
        }
    }

    /// The text shown to users and in logs.
    public var description: String {
        let base = "SELECT * FROM \(table.rawValue)"
        guard !conditions.isEmpty else { return base }
        let parts = conditions.map { condition -> String in
            switch condition {
            case .identity(let column, let identity): return "\(column) = 0x\(identity.hexString)"
            case .text(let column, let text): return "\(column) = '\(text.replacingOccurrences(of: "'", with: "''"))'"
            case .bool(let column, let value): return "\(column) = \(value)"
            case .timestamp(let column, let micros): return "\(column) = \(micros)"
            }
        }
        return base + " WHERE " + parts.joined(separator: " AND ")
    }
}
