import QuickstartChat

/// A row a predicate can be evaluated on: it gives each column's value by name.
public protocol SQLRow {
    /// The column's value; nil for an unset optional (`user.name`) or a column the row does not have.
    func sqlValue(ofColumn column: String) -> SQLValue?
}

extension User: SQLRow {
    /// `identity`, `name` (nil when unset) and `online`.
    public func sqlValue(ofColumn column: String) -> SQLValue? {
        switch column {
        case "identity": return .identity(identity)
        case "name": return name.map(SQLValue.string)
        case "online": return .bool(online)
        default: return nil
        }
    }
}

extension Message: SQLRow {
    /// `sender`, `sent` and `text`.
    public func sqlValue(ofColumn column: String) -> SQLValue? {
        switch column {
        case "sender": return .identity(sender)
        case "sent": return .timestamp(sent.microsecondsSinceUnixEpoch)
        case "text": return .string(text)
        default: return nil
        }
    }
}
