import Synchronization

/// Forwards transport events and guarantees that exactly one ``TransportEvent/closed(_:)`` is sent,
/// whichever of the connect failure, handshake, close frame or socket loss notices the end first.
final class TransportEventSink: Sendable {
    private let onEvent: @Sendable (TransportEvent) -> Void
    private let finished = Mutex(false)

    init(_ onEvent: @escaping @Sendable (TransportEvent) -> Void) {
        self.onEvent = onEvent
    }

    /// Whether the closing event was already sent.
    var isFinished: Bool { finished.withLock { $0 } }

    /// Forwards a non-closing event unless the transport already finished.
    func emit(_ event: TransportEvent) {
        guard !isFinished else { return }
        onEvent(event)
    }

    /// Sends the closing event, once.
    func finish(_ error: DbConnectionError?) {
        let first = finished.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        if first { onEvent(.closed(error)) }
    }
}
