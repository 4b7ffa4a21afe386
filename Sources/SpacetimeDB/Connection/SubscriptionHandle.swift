/// A subscription made with ``SubscriptionBuilder/subscribe(_:)-([String])``: its state, and the way to end it.
public final class SubscriptionHandle: Sendable {
    let connection: DbConnection
    let id: UInt32
    /// The SQL queries subscribed to.
    public let queries: [String]

    init(connection: DbConnection, id: UInt32, queries: [String]) {
        self.connection = connection
        self.id = id
        self.queries = queries
    }

    /// Whether the rows are applied and the subscription has not ended.
    public var isActive: Bool { connection.subscriptionPhase(id) == .active }

    /// Whether it ended: unsubscribed, failed, or the connection closed.
    public var isEnded: Bool { connection.subscriptionPhase(id) == nil }

    /// Ends the subscription; its rows leave the cache (with delete callbacks) once the server confirms.
    public func unsubscribe() {
        _ = connection.endSubscription(id, then: nil)
    }

    /// Ends the subscription and runs `callback` once the server confirmed it; false if it already ended.
    @discardableResult
    public func unsubscribeThen(_ callback: @escaping @Sendable (EventContext) -> Void) -> Bool {
        connection.endSubscription(id, then: callback)
    }
}
