import NIOCore

/// When a plain HTTP connection (one that has not become a WebSocket) must be cut: a state machine
/// the request handler feeds with what happened and that returns what to do. Pure, no timers.
///
/// - A request must arrive whole within `requestTimeout`: of the connection opening for the first,
///   and of its head for the body, so a client dribbling bytes (slowloris) cannot hold a connection.
/// - Between keep-alive requests a connection may sit idle for `idleTimeout`, no longer.
/// - After a 400, or a response the client asked to be the last, the connection closes.
struct HTTPConnectionDeadlines: Equatable {
    /// What happened on the connection.
    enum Event: Equatable {
        /// The connection is ready to read its first request.
        case opened
        /// A request head was read.
        case requestHead
        /// The whole request was read (the response is written next).
        case requestEnd
        /// A response was written.
        case responseSent(status: Int, keepAlive: Bool)
        /// The armed deadline passed.
        case deadlinePassed
    }

    /// What the handler should do.
    enum Action: Equatable {
        /// (Re)start the one deadline, replacing any armed one.
        case arm(TimeAmount)
        /// Cancel the armed deadline.
        case disarm
        /// Close the connection, giving this reason in the log.
        case close(reason: String)
    }

    let requestTimeout: TimeAmount
    let idleTimeout: TimeAmount
    private(set) var waiting: Waiting = .nothing

    /// What the armed deadline is for.
    enum Waiting: Equatable {
        case nothing
        case request
        case nextRequest
    }

    init(requestTimeout: TimeAmount, idleTimeout: TimeAmount) {
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
    }

    /// The actions for `event`, in order.
    mutating func on(_ event: Event) -> [Action] {
        switch event {
        case .opened, .requestHead:
            waiting = .request
            return [.arm(requestTimeout)]
        case .requestEnd:
            waiting = .nothing
            return [.disarm]
        case .responseSent(let status, let keepAlive):
            guard keepAlive, status != 400 else {
                waiting = .nothing
                return [.disarm, .close(reason: status == 400 ? "bad request" : "the client asked to close")]
            }
            waiting = .nextRequest
            return [.arm(idleTimeout)]
        case .deadlinePassed:
            let reason: String
            switch waiting {
            case .nothing: return []
            case .request: reason = "request not received in time"
            case .nextRequest: reason = "idle keep-alive connection"
            }
            waiting = .nothing
            return [.close(reason: reason)]
        }
    }
}
