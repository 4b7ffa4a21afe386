/// A type whose values can be written into SQL text as a literal (see ``SQLText``).
public protocol SQLLiteralConvertible {
    /// The value as a SpacetimeDB SQL literal.
    var sqlLiteral: SQLLiteral { get }
}

extension String: SQLLiteralConvertible {
    /// A quoted string with its quotes doubled.
    public var sqlLiteral: SQLLiteral { .string(self) }
}

extension Substring: SQLLiteralConvertible {
    /// A quoted string with its quotes doubled.
    public var sqlLiteral: SQLLiteral { .string(String(self)) }
}

extension Bool: SQLLiteralConvertible {
    /// `true` or `false`.
    public var sqlLiteral: SQLLiteral { .bool(self) }
}

extension Timestamp: SQLLiteralConvertible {
    /// A quoted RFC 3339 UTC string.
    public var sqlLiteral: SQLLiteral { .timestamp(self) }
}

extension Identity: SQLLiteralConvertible {
    /// `0x` and 64 hex digits.
    public var sqlLiteral: SQLLiteral { .identity(self) }
}

extension ConnectionId: SQLLiteralConvertible {
    /// `0x` and 32 hex digits.
    public var sqlLiteral: SQLLiteral { .connectionId(self) }
}

extension Int: SQLLiteralConvertible {
    /// Decimal digits.
    public var sqlLiteral: SQLLiteral { .integer(self) }
}

extension Int64: SQLLiteralConvertible {
    /// Decimal digits.
    public var sqlLiteral: SQLLiteral { .integer(self) }
}

extension Int32: SQLLiteralConvertible {
    /// Decimal digits.
    public var sqlLiteral: SQLLiteral { .integer(self) }
}

extension UInt64: SQLLiteralConvertible {
    /// Decimal digits.
    public var sqlLiteral: SQLLiteral { .integer(self) }
}

extension UInt32: SQLLiteralConvertible {
    /// Decimal digits.
    public var sqlLiteral: SQLLiteral { .integer(self) }
}

extension SQLLiteral: SQLLiteralConvertible {
    /// Itself.
    public var sqlLiteral: SQLLiteral { self }
}
