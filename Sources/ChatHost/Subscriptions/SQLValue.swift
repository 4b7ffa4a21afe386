import SpacetimeDB

/// A typed value in a predicate: a literal already parsed for its column's type, or a row's column value.
public enum SQLValue: Hashable, Sendable, CustomStringConvertible {
    /// An `Identity` (`identity`, `sender`).
    case identity(Identity)
    /// A `String` (`text`, and `name` when set).
    case string(String)
    /// A `Bool` (`online`).
    case bool(Bool)
    /// A `Timestamp` (`sent`), microseconds since the Unix epoch.
    case timestamp(Int64)

    /// How two values of the same type order, as SpacetimeDB orders them (strings by UTF-8 bytes,
    /// identities as `u256`, `false < true`); nil for values of different types.
    func compare(to other: SQLValue) -> Int? {
        switch (self, other) {
        case (.identity(let a), .identity(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a && b ? -1 : 1)
        case (.timestamp(let a), .timestamp(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.string(let a), .string(let b)):
            if a.utf8.elementsEqual(b.utf8) { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        default: return nil
        }
    }

    /// The value as SQL literal text (for logs and ``SQLQuery/description``).
    public var description: String {
        switch self {
        case .identity(let identity): return "0x\(identity.hexString)"
        case .string(let text): return SQLLiteral.string(text).text
        case .bool(let value): return value ? "true" : "false"
        case .timestamp(let micros): return SQLLiteral.timestamp(Timestamp(microsecondsSinceUnixEpoch: micros)).text
        }
    }
}
