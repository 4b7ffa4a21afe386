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
    /// `*`, `=`, `;` or `,`.
    case symbol(String)

    /// The literal's type, for error messages.
    var typeName: String {
        switch self {
        case .word, .quoted: return "identifier"
        case .string: return "String"
        case .integer: return "integer"
        case .hex: return "hex"
        case .bool: return "Bool"
        case .symbol(let symbol): return "`\(symbol)`"
        }
    }
}
