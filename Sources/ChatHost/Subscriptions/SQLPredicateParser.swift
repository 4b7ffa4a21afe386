/// Parses and type-checks the tokens of a WHERE clause into an ``SQLPredicate``.
///
/// Grammar (precedence as in SQL: AND binds tighter than OR):
/// ```
/// or         := and ("OR" and)*
/// and        := primary ("AND" primary)*
/// primary    := "(" or ")" | operand op operand
/// operand    := column | table "." column | literal
/// op         := = | != | <> | < | <= | > | >=
/// ```
/// One side of a comparison must be a column and the other a literal; the literal is read as the
/// column's type, with SpacetimeDB's errors when it cannot be.
struct SQLPredicateParser {
    private let sql: String
    private let table: ChatTable
    private let tokens: [SQLToken]
    private var cursor: Int

    /// A parser over `tokens[start...]`, which must hold exactly one predicate.
    init(sql: String, table: ChatTable, tokens: [SQLToken], start: Int) {
        self.sql = sql
        self.table = table
        self.tokens = tokens
        self.cursor = start
    }

    /// Parses the rest of the tokens as one predicate.
    mutating func parse() throws(SQLError) -> SQLPredicate {
        let predicate = try parseOr()
        guard cursor == tokens.count else {
            throw .unsupported(sql: sql, reason: "unexpected `\(tokens[cursor].sqlText)` in WHERE")
        }
        return predicate
    }

    private var current: SQLToken? { cursor < tokens.count ? tokens[cursor] : nil }

    private mutating func takeKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = current, word.uppercased() == keyword else { return false }
        cursor += 1
        return true
    }

    private mutating func takeSymbol(_ symbol: String) -> Bool {
        guard case .symbol(symbol) = current else { return false }
        cursor += 1
        return true
    }

    private mutating func parseOr() throws(SQLError) -> SQLPredicate {
        var result = try parseAnd()
        while takeKeyword("OR") { result = .or(result, try parseAnd()) }
        return result
    }

    private mutating func parseAnd() throws(SQLError) -> SQLPredicate {
        var result = try parsePrimary()
        while takeKeyword("AND") { result = .and(result, try parsePrimary()) }
        return result
    }

    private mutating func parsePrimary() throws(SQLError) -> SQLPredicate {
        if takeSymbol("(") {
            let inner = try parseOr()
            guard takeSymbol(")") else { throw .unsupported(sql: sql, reason: "expected `)`") }
            return inner
        }
        let left = try parseOperand()
        guard case .symbol(let symbol) = current, let comparison = SQLComparison(symbol: symbol) else {
            throw .unsupported(sql: sql, reason: "expected a comparison (=, !=, <>, <, <=, >, >=) after `\(left.text)`")
        }
        cursor += 1
        let right = try parseOperand()
        switch (left, right) {
        case (.column(let column, let type), .literal(let literal)):
            return .compare(column: column, comparison, try type.value(of: literal))
        case (.literal(let literal), .column(let column, let type)):
            return .compare(column: column, comparison.mirrored, try type.value(of: literal))
        case (.literal, .literal):
            throw .unresolvedLiteral
        case (.column, .column):
            throw .unsupportedExpression("\(left.text) \(symbol) \(right.text)")
        }
    }

    /// One side of a comparison.
    private enum Operand {
        case column(String, SQLColumnType)
        case literal(SQLToken)

        var text: String {
            switch self {
            case .column(let name, _): return name
            case .literal(let token): return token.sqlText
            }
        }
    }

    private mutating func parseOperand() throws(SQLError) -> Operand {
        guard let token = current else { throw .unsupported(sql: sql, reason: "the WHERE clause ends too early") }
        cursor += 1
        if token.isLiteral { return .literal(token) }
        let name: String
        switch token {
        case .word(let word), .quoted(let word): name = word
        default: throw .unsupported(sql: sql, reason: "unexpected `\(token.sqlText)` in WHERE")
        }
        var column = name
        if takeSymbol(".") {
            // `message.sent`: the qualifier must name the table being read.
            guard name == table.rawValue else { throw .unresolved(name) }
            switch current {
            case .word(let word), .quoted(let word):
                column = word
                cursor += 1
            default: throw .unsupported(sql: sql, reason: "expected a column name after `\(name).`")
            }
        }
        guard let type = SQLColumnType(table: table, column: column) else { throw .unresolved(column) }
        return .column(column, type)
    }
}
