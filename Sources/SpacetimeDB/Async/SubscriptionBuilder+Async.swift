extension SubscriptionBuilder {
    /// Subscribes to `queries` and returns once their rows are in the client cache: the async form of
    /// ``subscribe(_:)-([String])`` with ``onApplied(_:)`` and ``onError(_:)``, which still run if set.
    ///
    /// ```swift
    /// let subscription = try await conn.subscriptionBuilder()
    ///     .subscribe(to: ["SELECT * FROM user", "SELECT * FROM message"])
    /// print(conn.db.message.count)
    /// ```
    ///
    /// The connection must be drained (``DbConnection/runThreaded()``, which
    /// ``DbConnectionBuilder/connect()`` starts) for this to return. Made before the connection opens,
    /// the subscription goes out when it does. Cancelling the calling task unsubscribes and throws
    /// ``SubscriptionError/cancelled``.
    ///
    /// - Throws: ``SubscriptionError/rejected(_:)`` with the server's text,
    ///   ``SubscriptionError/disconnected(_:)`` if the connection closes first, or ``SubscriptionError/cancelled``.
    public func subscribe(to queries: [String]) async throws(SubscriptionError) -> SubscriptionHandle {
        let outcome = AsyncOutcome<Result<Void, SubscriptionError>>()
        let userApplied = onAppliedCallback
        let userError = onErrorCallback
        let handle = onApplied { context in
            userApplied?(context)
            outcome.resolve(.success(()))
        }
        .onError { context, message in
            userError?(context, message)
            outcome.resolve(.failure(.rejected(message)))
        }
        .subscribe(queries)
        let observer = connection.whenClosed { reason in outcome.resolve(.failure(.disconnected(reason))) }
        defer { if let observer { connection.statusObservers.remove(observer) } }
        let result = await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            if outcome.resolve(.failure(.cancelled)) { handle.unsubscribe() }
        }
        try result.get()
        return handle
    }
}

extension DbConnection {
    /// Subscribes to `queries` and returns once their rows are in the cache; see
    /// ``SubscriptionBuilder/subscribe(to:)``.
    public func subscribe(to queries: [String]) async throws(SubscriptionError) -> SubscriptionHandle {
        try await subscriptionBuilder().subscribe(to: queries)
    }
}
