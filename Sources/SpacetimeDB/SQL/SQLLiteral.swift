/// A value written as SpacetimeDB SQL literal text, safe to splice into a query.
///
/// Strings are single-quoted with every `'` doubled, so user text can never end the literal early;
/// timestamps are RFC 3339 strings (SpacetimeDB 1.1+ parses them for timestamp columns); identities
/// and connection ids are `0x` hex; bools are `true` / `false`; integers are decimal.
public struct SQLLiteral: Sendable, Hashable, CustomStringConvertible {
    /// The literal as it appears in SQL text.
    public let text: String

    private init(text: String) { self.text = text }

    /// A quoted string literal: `it's` becomes `'it''s'`.
    public static func string(_ value: String) -> SQLLiteral {
        SQLLiteral(text: "'" + value.replacingOccurrences(of: "'", with: "''") + "'")
    }

    /// A timestamp as a quoted RFC 3339 UTC string with microseconds.
    public static func timestamp(_ value: Timestamp) -> SQLLiteral { SQLLiteral(text: "'\(value.rfc3339)'") }

    /// An identity as `0x` and 64 hex digits.
    public static func identity(_ value: Identity) -> SQLLiteral { SQLLiteral(text: "0x\(value.hexString)") }

    /// A connection id as `0x` and 32 hex digits.
    public static func connectionId(_ value: ConnectionId) -> SQLLiteral { SQLLiteral(text: "0x\(value.hexString)") }

    /// `true` or `false`.
    public static func bool(_ value: Bool) -> SQLLiteral { SQLLiteral(text: value ? "true" : "false") }

    /// A decimal integer.
    public static func integer(_ value: some BinaryInteger) -> SQLLiteral { SQLLiteral(text: String(value)) }

    /// The literal's SQL text.
    public var description: String { text }
}
