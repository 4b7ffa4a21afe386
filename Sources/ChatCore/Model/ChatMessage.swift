import SpacetimeDB

/// A row of the module's `message` table.
public struct ChatMessage: Hashable, Sendable {
    /// Who sent it (`ctx.sender` of the `send_message` call).
    public var sender: Identity
    /// The server's timestamp of the transaction that inserted it.
    public var sent: Timestamp
    /// The message text, exactly as sent.
    public var text: String

    /// Creates a message row.
    public init(sender: Identity, sent: Timestamp, text: String) {
        self.sender = sender
        self.sent = sent
        self.text = text
    }
}
