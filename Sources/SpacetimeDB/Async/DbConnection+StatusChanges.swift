import Synchronization

extension DbConnection {
    /// The connection's status now and at every change from then on, as an `AsyncStream`: connecting,
    /// connected, reconnecting (with the attempt and its time), closed. It finishes after `.closed`.
    ///
    /// ```swift
    /// for await status in conn.statusChanges {
    ///     if case .reconnecting(let attempt, _) = status { print("reconnecting, attempt \(attempt)") }
    /// }
    /// ```
    ///
    /// Buffering: statuses are few (at most one reconnect attempt a second), so every one is kept
    /// (unbounded) and a slow consumer sees each of them, in order, late. The first element is the
    /// status at the moment of the call; a change racing with the call may appear twice in a row,
    /// never out of order.
    public var statusChanges: AsyncStream<ConnectionStatus> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConnectionStatus.self)
        // One lock around "read and yield" on both paths, so a change racing with this call can
        // repeat the newest status but never put an older one after it.
        let gate = Mutex(())
        let deliver: @Sendable (ConnectionStatus) -> Void = { status in
            gate.withLock { _ in
                continuation.yield(status)
                if case .closed = status { continuation.finish() }
            }
        }
        let observer = statusObservers.add(deliver)
        gate.withLock { _ in
            let current = status
            continuation.yield(current)
            if case .closed = current { continuation.finish() }
        }
        continuation.onTermination = { [self] _ in statusObservers.remove(observer) }
        return stream
    }
}
