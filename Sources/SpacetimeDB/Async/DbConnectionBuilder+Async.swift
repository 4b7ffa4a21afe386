extension DbConnectionBuilder {
    /// Builds the connection, drains it on a background queue (``DbConnection/runThreaded()``) and
    /// returns once the server has identified this client: the async form of ``build()`` with
    /// ``onConnect(_:)`` and ``onConnectError(_:)``.
    ///
    /// ```swift
    /// let conn = try await DbConnection.builder()
    ///     .withUri("http://localhost:3000")
    ///     .withDatabaseName("quickstart-chat")
    ///     .connect()
    /// ```
    ///
    /// Callbacks set on the builder still run, before this returns or throws. The first connection's
    /// failure is thrown as a ``DbConnectionError`` (a refused upgrade is
    /// ``DbConnectionError/httpStatus(code:reason:body:)``); a later drop is not, since the connection
    /// was already returned (watch ``DbConnection/statusChanges`` or ``onDisconnect(_:)``).
    ///
    /// Cancelling the calling task while connecting closes the connection and throws `CancellationError`.
    ///
    /// - Throws: ``DbConnectionError`` (bad configuration, or the first connection failed), or
    ///   `CancellationError`.
    public func connect() async throws -> DbConnection {
        let outcome = AsyncOutcome<Result<Void, any Error>>()
        let original = configuration
        let builder = onConnect { connection, identity, token in
            original.onConnect?(connection, identity, token)
            outcome.resolve(.success(()))
        }
        .onConnectError { context, error in
            original.onConnectError?(context, error)
            outcome.resolve(.failure(error))
        }
        .onDisconnect { context, error in
            original.onDisconnect?(context, error)
            // Only this method's cancellation closes a connection nobody else holds yet.
            outcome.resolve(.failure(error ?? CancellationError()))
        }
        let connection = try builder.build()
        connection.runThreaded()
        let result = await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            connection.disconnect()
        }
        try result.get()
        return connection
    }
}
