/// The connection lifecycle with optional automatic reconnect, as a value that returns what to do.
///
/// The connection feeds it events (attempt started, identified, lost, timer fired, app disconnect)
/// and performs the returned ``Action``. It never touches sockets or clocks, so it is tested
/// table-driven without I/O. The random source for jitter is injected.
public struct ReconnectStateMachine: Sendable {
    /// Where the lifecycle stands.
    public enum State: Sendable, Hashable {
        /// Not started.
        case idle
        /// Attempt `attempt` is connecting; 0 is the first connection, 1... are reconnects.
        case connecting(attempt: Int)
        /// Identified by the server.
        case connected(Identity)
        /// Waiting to make reconnect attempt `attempt`.
        case waiting(attempt: Int, delay: Duration)
        /// Finished; nil when the app asked.
        case closed(DbConnectionError?)
    }

    /// What the connection must do next.
    public enum Action: Sendable, Hashable {
        /// Nothing.
        case none
        /// Open a transport.
        case connect
        /// The first connection is up: report it (`onConnect`).
        case reportConnected
        /// A reconnect is up with the same identity: re-send the live subscriptions and reconcile the cache.
        case resubscribe
        /// Wait `delay`, then call ``retryTimerFired()``; attempt `attempt` comes next.
        case scheduleRetry(attempt: Int, delay: Duration)
        /// Close the open transport (the closing event then comes back through ``connectionLost(_:)``).
        case closeTransport
        /// Stop for good with this reason (nil: the app disconnected); report it (`onDisconnect`).
        case stop(DbConnectionError?)
        /// The very first attempt failed; report it (`onConnectError`) and stop.
        case failInitialConnect(DbConnectionError)
    }

    /// The current state.
    public private(set) var state: State = .idle
    /// The retry policy, or nil when reconnecting is off.
    public let policy: ReconnectPolicy?
    /// The identity of the first connection; a reconnect must match it.
    public private(set) var identity: Identity?
    private let random: @Sendable () -> Double
    private var failuresInARow = 0
    private var disconnectRequested = false

    /// Creates a machine; `random` returns numbers in `0..<1` for jitter.
    public init(policy: ReconnectPolicy?, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.random = random
    }

    /// The app built the connection.
    public mutating func start() -> Action {
        guard case .idle = state else { return .none }
        state = .connecting(attempt: 0)
        return .connect
    }

    /// The server identified this client (IdentityToken / InitialConnection).
    public mutating func identified(as newIdentity: Identity) -> Action {
        guard case .connecting(let attempt) = state else { return .none }
        if let identity, identity != newIdentity {
            let error = DbConnectionError.identityChanged(old: identity, new: newIdentity)
            state = .closed(error)
            return .stop(error)
        }
        failuresInARow = 0
        let first = identity == nil && attempt == 0
        identity = newIdentity
        state = .connected(newIdentity)
        return first ? .reportConnected : .resubscribe
    }

    /// The transport ended (`nil`: closed because this side asked).
    public mutating func connectionLost(_ error: DbConnectionError?) -> Action {
        switch state {
        case .idle, .closed, .waiting:
            return .none
        case .connecting(let attempt):
            if disconnectRequested || error == nil {
                state = .closed(nil)
                return .stop(nil)
            }
            if attempt == 0 && identity == nil {
                // The first attempt never got through: nothing to resume, as in the Rust SDK.
                let reason = error ?? .connectionLost("closed before connecting")
                state = .closed(reason)
                return .failInitialConnect(reason)
            }
            return retry(after: error)
        case .connected:
            if disconnectRequested || error == nil {
                state = .closed(nil)
                return .stop(nil)
            }
            return retry(after: error)
        }
    }

    /// The retry delay passed.
    public mutating func retryTimerFired() -> Action {
        guard case .waiting(let attempt, _) = state else { return .none }
        state = .connecting(attempt: attempt)
        return .connect
    }

    /// The app called `disconnect()`.
    public mutating func disconnect() -> Action {
        disconnectRequested = true
        switch state {
        case .idle:
            state = .closed(nil)
            return .stop(nil)
        case .connecting, .connected:
            return .closeTransport
        case .waiting:
            state = .closed(nil)
            return .stop(nil)
        case .closed:
            return .none
        }
    }

    private mutating func retry(after error: DbConnectionError?) -> Action {
        let reason = error ?? .connectionLost("closed")
        guard let policy, !ReconnectPolicy.isFatal(reason) else {
            state = .closed(reason)
            return .stop(reason)
        }
        failuresInARow += 1
        if let limit = policy.maximumAttempts, failuresInARow > limit {
            state = .closed(reason)
            return .stop(reason)
        }
        let delay = policy.delay(forAttempt: failuresInARow, random: random())
        state = .waiting(attempt: failuresInARow, delay: delay)
        return .scheduleRetry(attempt: failuresInARow, delay: delay)
    }
}
