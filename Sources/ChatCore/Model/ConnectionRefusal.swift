import SpacetimeDB

/// Why the connection ended for good, in words a user can act on, and whether starting over with a
/// new identity (`/reset-identity`) can help.
///
/// Which ends are for good is the SDK's `ReconnectPolicy.isFatal`: the host answered and said no
/// (HTTP 400, 401, 403, 404), it gave our token another identity, or it sent bytes we cannot read.
/// Everything else (refused or dropped sockets, timeouts, HTTP 5xx, a server close) is retried; it
/// only ends things when the first attempt of a connection fails (`unreachable`), which after
/// `/reset-identity` can be tried again the same way.
public struct ConnectionRefusal: Hashable, Sendable {
    /// What the host said, grouped by what the user can do about it.
    public enum Cause: Hashable, Sendable {
        /// HTTP 401: the host does not accept our saved token (it lost its data, or it is another host).
        case tokenRefused
        /// The host now gives our token another identity than before.
        case identityChanged
        /// HTTP 404: the host has no such database.
        case noSuchDatabase
        /// Another refusal by the host (HTTP 400, 403...).
        case refused
        /// The host sent something this client cannot understand.
        case unreadable
        /// A first connection attempt found no host (refused, timed out, dropped).
        case unreachable
    }

    /// What happened.
    public var cause: Cause
    /// The technical reason, as the SDK gave it.
    public var detail: String
    /// The credentials file that holds the refused token, when known.
    public var credentialsPath: String?

    /// Creates a refusal.
    public init(cause: Cause, detail: String, credentialsPath: String?) {
        self.cause = cause
        self.detail = detail
        self.credentialsPath = credentialsPath
    }

    /// Classifies an error the SDK ended the connection with.
    public init(error: DbConnectionError, credentialsPath: String?) {
        let cause: Cause
        switch error {
        case .httpStatus(401, _, _): cause = .tokenRefused
        case .httpStatus(404, _, _): cause = .noSuchDatabase
        case .identityChanged: cause = .identityChanged
        case .protocolViolation, .subscriptionFailed: cause = .unreadable
        case .connectFailed, .timedOut, .connectionLost, .closedByServer, .handshakeFailed: cause = .unreachable
        case .httpStatus(500..., _, _): cause = .unreachable
        default: cause = .refused
        }
        self.init(cause: cause, detail: "\(error)", credentialsPath: credentialsPath)
    }

    /// Whether a new identity helps: the host refuses or remapped the one we have.
    public var canStartOver: Bool { cause == .tokenRefused || cause == .identityChanged || cause == .unreachable }

    /// The short form for the status bar.
    public var statusText: String {
        switch cause {
        case .tokenRefused: "identity refused by the host"
        case .identityChanged: "the host changed your identity"
        case .noSuchDatabase: "no such database on the host"
        case .refused: "refused by the host"
        case .unreadable: "the host's data could not be read"
        case .unreachable: "the host could not be reached"
        }
    }

    /// The notice lines that say what happened and what to do, in plain words.
    public var explanation: [String] {
        let file = credentialsPath ?? "your credentials file"
        var lines: [String]
        switch cause {
        case .tokenRefused:
            lines = ["The host no longer accepts your saved identity (it probably lost its data, or it is another host): \(detail)."]
        case .identityChanged:
            lines = ["The host now gives your saved token a different identity, so this session cannot go on: \(detail)."]
        case .noSuchDatabase:
            lines = ["The host has no such database any more; check --db, or restart the host with its data: \(detail)."]
        case .refused:
            lines = ["The host refused the connection for good: \(detail)."]
        case .unreadable:
            lines = ["The host sent something this client cannot read, so the connection was closed: \(detail)."]
        case .unreachable:
            lines = ["Could not reach the host: \(detail)."]
        }
        lines.append("Not reconnecting. Nothing you typed is lost: unsent messages stay below marked (not sent), and your draft stays in the input line.")
        if cause == .unreachable {
            lines.append("Type /reset-identity to try again with a new identity, or quit (/quit or Ctrl-C).")
        } else if canStartOver {
            lines.append("Type /reset-identity to start over with a new identity and send them: \(file) is moved aside (kept, not deleted). Or quit and remove \(file) yourself.")
        } else {
            lines.append("Copy what you need, then quit (/quit or Ctrl-C).")
        }
        return lines
    }
}
