import Logging
import Synchronization

/// Counts open connections (HTTP and WebSocket alike) and refuses new ones beyond a cap, so one
/// local user opening sockets without end cannot take the host's file descriptors from everyone
/// else. Logs once when the cap is reached and once when connections are accepted again.
final class ConnectionLimiter: Sendable {
    private struct State {
        var open = 0
        var refusedSinceFull = 0
    }

    /// The most connections open at once.
    let limit: Int
    private let state = Mutex(State())
    private let logger: Logger

    init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    /// Whether a new connection may be served; if so, ``release()`` must follow when it closes.
    func admit(peer: String) -> Bool {
        let (admitted, firstRefusal) = state.withLock { state -> (Bool, Bool) in
            guard state.open < limit else {
                state.refusedSinceFull += 1
                return (false, state.refusedSinceFull == 1)
            }
            state.open += 1
            return (true, false)
        }
        if firstRefusal {
            logger.warning(
                "connection limit reached: refusing new connections until some close",
                metadata: ["limit": "\(limit)", "peer": "\(peer)"])
        }
        return admitted
    }

    /// Notes that an admitted connection closed.
    func release() {
        let refused = state.withLock { state -> Int in
            state.open -= 1
            defer { state.refusedSinceFull = 0 }
            return state.refusedSinceFull
        }
        if refused > 0 {
            logger.warning("connection limit: accepting connections again", metadata: ["refused": "\(refused)", "limit": "\(limit)"])
        }
    }
}
