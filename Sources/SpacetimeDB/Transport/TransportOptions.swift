/// Limits and timers of the WebSocket transport.
public struct TransportOptions: Sendable, Hashable {
    /// The largest single WebSocket frame accepted.
    public var maxFrameSize: Int
    /// The largest message accepted after joining continuation frames (initial subscriptions can be tens of MB).
    public var maxMessageSize: Int
    /// Send a Ping after this much silence from the server, and give up after as much again.
    public var idleTimeout: Duration
    /// How long the TCP connect may take.
    public var connectTimeout: Duration

    /// Creates options; the defaults match the Rust SDK's 30 s keep-alive and allow 256 MiB messages.
    public init(
        maxFrameSize: Int = 256 * 1024 * 1024, maxMessageSize: Int = 256 * 1024 * 1024,
        idleTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10)
    ) {
        self.maxFrameSize = min(maxFrameSize, Int(UInt32.max))
        self.maxMessageSize = maxMessageSize
        self.idleTimeout = idleTimeout
        self.connectTimeout = connectTimeout
    }
}
