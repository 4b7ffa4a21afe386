import SpacetimeDB

/// A row of quickstart-chat's `message` table: `sender Identity`, `sent Timestamp`, `text String` (no primary key).
public struct Message: Hashable, Sendable, BSATNCodable {
    /// Who sent the message.
    public var sender: Identity
    /// When the `send_message` reducer ran.
    public var sent: Timestamp
    /// The message text.
    public var text: String

    /// Creates a row from its columns.
    public init(sender: Identity, sent: Timestamp, text: String) {
        self.sender = sender
        self.sent = sent
        self.text = text
    }

    /// Writes the columns in table order.
    public func encode(to writer: inout BSATNWriter) {
        sender.encode(to: &writer)
        sent.encode(to: &writer)
        writer.write(text)
    }

    /// Reads the columns in table order.
    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        sender = try Identity(bsatn: &reader)
        sent = try Timestamp(bsatn: &reader)
        text = try reader.readString()
    }
}
