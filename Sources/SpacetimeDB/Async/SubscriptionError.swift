/// Why an awaited subscription (``SubscriptionBuilder/subscribe(to:)``) did not apply.
public enum SubscriptionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The server rejected the queries; the text is its error (often a typo in the SQL).
    case rejected(String)
    /// The connection closed before the rows arrived; the reason is nil after ``DbConnection/disconnect()``.
    case disconnected(DbConnectionError?)
    /// The waiting task was cancelled; the subscription was ended.
    case cancelled

    public var description: String {
        switch self {
        case .rejected(let message): return "the server rejected the subscription: \(message)"
        case .disconnected(let reason?): return "the connection closed before the subscription applied: \(reason)"
        case .disconnected(nil): return "the connection was closed before the subscription applied"
        case .cancelled: return "the subscription was cancelled before it applied"
        }
    }
}
