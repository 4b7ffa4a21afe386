import SpacetimeDB

/// The type of a quickstart-chat column, as the SQL checker sees it.
enum SQLColumnType: Hashable, Sendable {
    /// `Identity`.
    case identity
    /// `String`.
    case string
    /// `Option<String>` (`user.name`).
    case optionalString
    /// `Bool`.
    case bool
    /// `Timestamp`.
    case timestamp

    /// The type of `column` in `table`; nil when the table has no such column.
    init?(table: ChatTable, column: String) {
        switch (table, column) {
        case (.user, "identity"), (.message, "sender"): self = .identity
        case (.user, "name"): self = .optionalString
        case (.user, "online"): self = .bool
        case (.message, "sent"): self = .timestamp
        case (.message, "text"): self = .string
        default: return nil
        }
    }

    /// The type as SpacetimeDB prints it in errors (`fmt_algebraic_type`).
    var spacetimeName: String {
        switch self {
        case .identity: return "(__identity__: U256)"
        case .string: return "String"
        case .optionalString: return "(some: String | none: ())"
        case .bool: return "Bool"
        case .timestamp: return "(__timestamp_micros_since_unix_epoch__: I64)"
        }
    }

    /// Reads a literal token as a value of this type, failing as SpacetimeDB's `parse` does.
    ///
    /// One deliberate leniency: `Option<String>` takes a string (SpacetimeDB has no literal for it);
    /// an unset name then matches no comparison.
    func value(of literal: SQLToken) throws(SQLError) -> SQLValue {
        let text: String
        switch literal {
        case .bool(let value):
            guard self == .bool else { throw .unexpectedType(expected: "Bool", inferred: spacetimeName) }
            return .bool(value)
        case .string(let value), .integer(let value): text = value
        case .hex(let digits): text = digits
        default: throw .unsupportedExpression("\(literal.sqlText)")
        }
        switch self {
        case .string, .optionalString: return .string(text)
        case .identity:
            let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? String(text.dropFirst(2)) : text
            guard let identity = Identity(hex: digits.lowercased()) else {
                throw .invalidLiteral(literal: text, type: spacetimeName)
            }
            return .identity(identity)
        case .timestamp:
            guard let timestamp = Timestamp(rfc3339: text) else { throw .invalidLiteral(literal: text, type: spacetimeName) }
            return .timestamp(timestamp.microsecondsSinceUnixEpoch)
        case .bool:
            throw .invalidLiteral(literal: text, type: spacetimeName)
        }
    }
}
