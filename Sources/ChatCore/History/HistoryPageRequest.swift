import SpacetimeDB

/// A request for older messages: every `message` with `from <= sent < to` (no lower bound when
/// `from` is nil), sent as a one-off query.
public struct HistoryPageRequest: Hashable, Sendable {
    /// Tells answers apart; an answer to an older request is ignored.
    public var id: Int
    /// The oldest time included; nil reads back to the beginning of history.
    public var from: Timestamp?
    /// The first time not included: everything from here on is already loaded.
    public var to: Timestamp

    /// Creates a request.
    public init(id: Int, from: Timestamp?, to: Timestamp) {
        self.id = id
        self.from = from
        self.to = to
    }

    /// The one-off query, with the times as RFC 3339 literals.
    public var sql: String {
        let upper = "sent < \(SQLLiteral.timestamp(to).text)"
        guard let from else { return "SELECT * FROM message WHERE \(upper)" }
        return "SELECT * FROM message WHERE sent >= \(SQLLiteral.timestamp(from).text) AND \(upper)"
    }
}
