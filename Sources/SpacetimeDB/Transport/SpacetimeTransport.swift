/// One WebSocket connection as the SDK uses it: send binary messages, close.
///
/// Implementations report what happens through the `onEvent` closure given to their
/// ``TransportConnector``. ``send(_:)`` is only called after ``TransportEvent/opened(_:)``.
public protocol SpacetimeTransport: Sendable {
    /// Sends one binary message.
    func send(_ message: [UInt8])
    /// Closes the connection normally (close code 1000); a ``TransportEvent/closed(_:)`` follows.
    func close()
}
