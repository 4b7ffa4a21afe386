/// Why a subscription or one-off query was refused; the texts are SpacetimeDB's (`crates/expr`
/// `errors.rs`, `crates/sql-parser` `errors.rs`) where SpacetimeDB refuses the same SQL.
public enum SQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The SQL uses something outside the supported subset.
    case unsupported(sql: String, reason: String)
    /// An expression the WHERE clause cannot hold (e.g. a column compared with a column).
    case unsupportedExpression(String)
    /// No table of that name.
    case unknownTable(String)
    /// A name that is neither a column of the table nor the table itself.
    case unresolved(String)
    /// A literal that does not parse as its column's type (e.g. a timestamp that is not RFC 3339).
    case invalidLiteral(literal: String, type: String)
    /// A bool literal where the column has another type.
    case unexpectedType(expected: String, inferred: String)
    /// Two literals compared with each other: no column gives them a type.
    case unresolvedLiteral

    /// The text shown to users and in logs.
    public var description: String {
        switch self {
        case .unsupported(let sql, let reason):
            return "Unsupported SQL `\(sql)`: \(reason). This host supports `SELECT * FROM <table>` with an optional "
                + "`WHERE` of `<column> <op> <literal>` (=, !=, <>, <, <=, >, >=) joined by AND / OR and parentheses"
        case .unsupportedExpression(let expression): return "Unsupported expression: \(expression)"
        case .unknownTable(let table): return "`\(table)` is not a valid table"
        case .unresolved(let name): return "`\(name)` is not in scope"
        case .invalidLiteral(let literal, let type): return "The literal expression `\(literal)` cannot be parsed as type `\(type)`"
        case .unexpectedType(let expected, let inferred): return "Unexpected type: (expected) \(expected) != \(inferred) (inferred)"
        case .unresolvedLiteral: return "Cannot resolve type for literal expression"
        }
    }
}
