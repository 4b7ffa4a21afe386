/// Why a subscription or one-off query was refused.
public enum SQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The SQL uses something outside the supported subset.
    case unsupported(sql: String, reason: String)
    /// No table of that name.
    case unknownTable(String)
    /// The table has no column of that name.
    case unknownColumn(table: String, column: String)
    /// The literal's type does not fit the column.
    case typeMismatch(column: String, expected: String, found: String)

    /// The text shown to users and in logs.
    public var description: String {
        switch self {
        case .unsupported(let sql, let reason):
            return "Unsupported SQL `\(sql)`: \(reason). This host supports `SELECT * FROM <table>` with optional `WHERE <column> = <literal> [AND ...]`"
        case .unknownTable(let table):
            return "`\(table)` is not a valid table"
        case .unknownColumn(let table, let column):
            return "`\(column)` is not a valid column of table `\(table)`"
        case .typeMismatch(let column, let expected, let found):
            return "Unexpected type for column `\(column)`: expected \(expected), found \(found)"
        }
    }
}
