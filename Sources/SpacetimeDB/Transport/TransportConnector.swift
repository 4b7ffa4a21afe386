/// Opens transports; the seam that lets tests run the SDK over an in-memory transport.
public protocol TransportConnector: Sendable {
    /// Starts connecting to `request` and returns at once; progress arrives through `onEvent`.
    func connect(
        _ request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void
    ) -> any SpacetimeTransport
}
