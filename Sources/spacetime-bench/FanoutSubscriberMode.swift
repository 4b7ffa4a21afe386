/// How a `host-fanout` subscriber handles an update it receives.
enum FanoutSubscriberMode: String, Sendable {
    /// Decode every message in full (frame, v2 messages, `message` rows) and read the send time from
    /// the row's text: what an SDK-like client pays for each update (the benchmark's original method).
    case decode
    /// Note only when a `TransactionUpdate` frame arrived (its first two bytes are read, nothing is
    /// decoded); the k-th update a subscriber receives is the sender's k-th message, whose send time
    /// the sender recorded. The in-process subscribers then cost the shared CPU as little as they can,
    /// so the figures say more about the host.
    case light
    /// As `light`, but without NIO: each subscriber is a plain socket, read by one of two
    /// edge-triggered epoll loops (``PlainSubscriberLoop``) that checks each frame's first bytes.
    /// The socket work (a `read(2)` per update and the kernel's ACK) is what any client pays; the
    /// event-loop framework's own cost per read is gone from the shared CPU.
    case raw
}
