/// A lexical token of the SQL subset.
enum SQLToken: Equatable, Sendable {
    /// A bare identifier or keyword.
    case word(String)
    /// A double-quoted identifier.
    case quoted(String)
    /// A single-quoted string literal.
    case string(String)
    /// An integer literal, as written (optional leading `-`).
    case integer(String)
    /// A hex literal (`0x…` or `X'…'`), digits only.
    case hex(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `*`, `;`, `,`, `.`, `(`, `)` or a comparison operator (`=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`).
    case symbol(String)

    /// Whether the token is a literal value.
    var isLiteral: Bool {
        switch self {
        case .string, .integer, .hex, .bool: return true
        case .word, .quoted, .symbol: return false
        }
    }

    /// The token as it would be written in SQL (for error messages).
    var sqlText: String {
        switch self {
        case .word(let word): return word
        case .quoted(let word): return "\"\(word)\""
        case .string(let text): return "'\(text.replacingOccurrences(of: "'", with: "''"))'"
        case .integer(let digits): return digits
        case .hex(let digits): return "0x\(digits)"
        case .bool(let value): return value ? "true" : "false"
        case .symbol(let symbol): return symbol
        }
    }
}
