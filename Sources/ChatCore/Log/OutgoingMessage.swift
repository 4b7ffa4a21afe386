/// One of our messages that the server has not yet echoed back as a `message` row.
public struct OutgoingMessage: Hashable, Sendable {
    /// The call that carries it.
    public var localID: LocalCallID
    /// The text, exactly as it will be sent.
    public var text: String
    /// Where it stands.
    public var delivery: Delivery

    /// The life of an outgoing message.
    public enum Delivery: Hashable, Sendable {
        /// Waiting for the connection; goes out in order when it is live again.
        case queued
        /// Sent; no answer yet (drawn dim).
        case sending
        /// The server committed it; its row has not arrived yet (drawn as sent).
        case committed
        /// The server rejected it, with the reason (drawn as failed; a notice says why).
        case failed(String)
        /// Never sent, and it cannot be while the connection is closed for good; `/reset-identity`
        /// queues it again.
        case notSent
    }

    /// Creates an outgoing message.
    public init(localID: LocalCallID, text: String, delivery: Delivery) {
        self.localID = localID
        self.text = text
        self.delivery = delivery
    }

    /// Whether it still waits for the server (queued or sending), the "pending" look.
    public var isPending: Bool {
        switch delivery {
        case .queued, .sending: true
        case .committed, .failed, .notSent: false
        }
    }
}
