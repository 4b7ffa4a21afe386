import Synchronization

/// The connection's internal listeners for status changes, used by the async API to end waits and
/// streams when the connection closes. They run on the drain thread, right after the app's
/// ``DbConnectionBuilder/onStatusChange(_:)`` callback.
final class StatusObservers: Sendable {
    private struct State {
        var nextId: UInt64 = 1
        var observers: [UInt64: @Sendable (ConnectionStatus) -> Void] = [:]
    }

    private let state = Mutex(State())

    /// Adds `observer`; the returned id removes it.
    func add(_ observer: @escaping @Sendable (ConnectionStatus) -> Void) -> UInt64 {
        state.withLock { state in
            let id = state.nextId
            state.nextId += 1
            state.observers[id] = observer
            return id
        }
    }

    /// Removes observer `id` (no-op if it is gone).
    func remove(_ id: UInt64) {
        _ = state.withLock { $0.observers.removeValue(forKey: id) }
    }

    /// How many observers are registered.
    var count: Int { state.withLock { $0.observers.count } }

    /// Runs every observer with `status`, outside the lock (an observer may remove itself).
    func notify(_ status: ConnectionStatus) {
        let observers = state.withLock { $0.observers.sorted { $0.key < $1.key }.map(\.value) }
        for observer in observers { observer(status) }
    }
}

extension DbConnection {
    /// Runs `body` once the connection is closed for good: at once if it already is, else when it closes.
    /// Returns the observer id to remove it (nil when it already ran). `body` can run twice when the
    /// close races with this call, so it must be idempotent (every caller settles a one-shot outcome
    /// or finishes a stream).
    func whenClosed(_ body: @escaping @Sendable (DbConnectionError?) -> Void) -> UInt64? {
        let id = statusObservers.add { status in
            if case .closed(let reason) = status { body(reason) }
        }
        // Added before reading the status: a close racing with this call is seen one way or the other.
        if case .closed(let reason) = status {
            statusObservers.remove(id)
            body(reason)
            return nil
        }
        return id
    }
}
