/// Why a connection could not be opened, or why it ended.
public enum DbConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URI or database name cannot be used.
    case invalidURI(String)
    /// The builder lacks something it needs (for example the URI or database name).
    case missingConfiguration(String)
    /// The server refused the WebSocket upgrade with this HTTP status; `body` is the text it sent.
    case httpStatus(code: Int, reason: String, body: String)
    /// The upgrade response was not a valid WebSocket handshake (bad `Sec-WebSocket-Accept`, no subprotocol...).
    case handshakeFailed(String)
    /// The TCP or TLS connection could not be made.
    case connectFailed(String)
    /// The server was silent through a Ping and the time after it, or left a reducer call unanswered
    /// for the response timeout (``DbConnectionBuilder/withResponseTimeout(_:)``).
    case timedOut
    /// The server closed the WebSocket with this close code and reason.
    case closedByServer(code: Int, reason: String)
    /// The socket dropped without a close handshake.
    case connectionLost(String)
    /// The server sent bytes this SDK could not decode.
    case protocolViolation(String)
    /// The server reported a subscription error that was not tied to one subscription; the connection ends.
    case subscriptionFailed(String)
    /// After a reconnect the server answered with another identity than before.
    case identityChanged(old: Identity, new: Identity)

    /// The HTTP status of a refused upgrade, if that is what happened.
    public var httpStatusCode: Int? {
        if case .httpStatus(let code, _, _) = self { return code }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidURI(let message): return "invalid URI: \(message)"
        case .missingConfiguration(let message): return "incomplete connection setup: \(message)"
        case .httpStatus(let code, let reason, let body):
            let detail = body.isEmpty ? "" : ": \(body)"
            return "the server refused the connection with HTTP \(code) \(reason)\(detail)"
        case .handshakeFailed(let message): return "WebSocket handshake failed: \(message)"
        case .connectFailed(let message): return "could not connect: \(message)"
        case .timedOut: return "the server stopped answering (no data for two keep-alive intervals, or no answer to a call within the response timeout)"
        case .closedByServer(let code, let reason):
            return reason.isEmpty ? "the server closed the connection (code \(code))"
                : "the server closed the connection (code \(code)): \(reason)"
        case .connectionLost(let message): return "connection lost: \(message)"
        case .protocolViolation(let message): return "protocol error: \(message)"
        case .subscriptionFailed(let message): return "subscription failed: \(message)"
        case .identityChanged(let old, let new):
            return "the server now says this client is \(new.abbreviatedHex), not \(old.abbreviatedHex); not reconnecting"
        }
    }
}
