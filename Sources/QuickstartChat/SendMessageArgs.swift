import SpacetimeDB

/// The arguments of quickstart-chat's `send_message(text: String)` reducer, as the product the server decodes.
public struct SendMessageArgs: Hashable, Sendable, BSATNCodable {
    /// The message text; the module rejects an empty one.
    public var text: String

    /// Creates the arguments.
    public init(text: String) { self.text = text }

    /// Writes the parameters in declaration order.
    public func encode(to writer: inout BSATNWriter) { writer.write(text) }

    /// Reads the parameters in declaration order.
    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        text = try reader.readString()
    }
}
