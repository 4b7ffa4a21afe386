/// What a transport reports to its connection, in order, from the network thread.
///
/// Exactly one ``closed(_:)`` ends every transport's life: before ``opened(_:)`` it means the
/// connection attempt failed; after it, that the socket closed.
public enum TransportEvent: Sendable {
    /// The WebSocket upgrade succeeded and the server selected this protocol.
    case opened(ProtocolVersion)
    /// One complete binary message (continuation frames already joined), envelope byte included.
    case frame([UInt8])
    /// The transport is finished; nil for a close this side asked for.
    case closed(DbConnectionError?)
}
