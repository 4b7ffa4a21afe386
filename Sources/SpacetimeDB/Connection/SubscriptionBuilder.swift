/// Configures a subscription: callbacks first, then ``subscribe(_:)-([String])`` with the SQL queries.
public struct SubscriptionBuilder: Sendable {
    let connection: DbConnection
    var onAppliedCallback: (@Sendable (EventContext) -> Void)?
    var onErrorCallback: (@Sendable (EventContext, String) -> Void)?

    /// Runs once the subscription's rows are in the cache, before their insert callbacks.
    ///
    /// Once per subscription: after an automatic reconnect the subscription is re-issued and the cache
    /// reconciled with row callbacks for the real differences only, but `onApplied` does not run
    /// again (watch ``DbConnectionBuilder/onStatusChange(_:)`` for `.connected` to learn of a reconnect).
    public func onApplied(_ callback: @escaping @Sendable (EventContext) -> Void) -> SubscriptionBuilder {
        var copy = self
        copy.onAppliedCallback = callback
        return copy
    }

    /// Runs if the server rejects the subscription (or drops it later); the text is the server's error.
    public func onError(_ callback: @escaping @Sendable (EventContext, String) -> Void) -> SubscriptionBuilder {
        var copy = self
        copy.onErrorCallback = callback
        return copy
    }

    /// Subscribes to `queries` as one set (v1 `SubscribeMulti`, v2 `Subscribe`).
    @discardableResult
    public func subscribe(_ queries: [String]) -> SubscriptionHandle {
        let id = connection.startSubscription(
            queries: queries, allTables: false, onApplied: onAppliedCallback, onError: onErrorCallback)
        return SubscriptionHandle(connection: connection, id: id, queries: queries)
    }

    /// Subscribes to one query.
    @discardableResult
    public func subscribe(_ query: String) -> SubscriptionHandle {
        subscribe([query])
    }

    /// Subscribes to every table (v1: `SELECT * FROM *`; v2: one query per table the bindings know).
    public func subscribeToAllTables() {
        _ = connection.startSubscription(
            queries: connection.module.allTablesQueries, allTables: true, onApplied: onAppliedCallback,
            onError: onErrorCallback)
    }
}
