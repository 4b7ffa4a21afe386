import Synchronization

/// A value that arrives once, from a callback, for any number of async waiters.
///
/// The first `resolve` wins and later ones are ignored, because several callbacks race to settle the
/// same wait (for example a subscription's `onApplied`, its `onError` and the connection closing).
final class AsyncOutcome<Value: Sendable>: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Value, Never>])
        case done(Value)
    }

    private let state = Mutex<State>(.waiting([]))

    /// Settles the outcome with `value` unless it is settled already; whether this call settled it.
    @discardableResult
    func resolve(_ value: Value) -> Bool {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, Never>]? in
            guard case .waiting(let waiters) = state else { return nil }
            state = .done(value)
            return waiters
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume(returning: value) }
        return true
    }

    /// The value, if it has arrived.
    var current: Value? {
        state.withLock { state in
            if case .done(let value) = state { return value }
            return nil
        }
    }

    /// Waits for the value (returns at once if it has arrived).
    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Value? in
                switch state {
                case .done(let value):
                    return value
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return nil
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
