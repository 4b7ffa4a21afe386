/// The `v3.bsatn.spacetimedb` framing (SpacetimeDB 2.2+): the v2 messages, several per frame.
///
/// A client frame is one or more v2 ``V2/ClientMessage``s back to back; a server frame is the
/// compression envelope around one or more v2 ``V2/ServerMessage``s back to back
/// (`crates/client-api-messages/src/websocket/v3.rs`). An empty frame is an error.
public enum V3 {
    /// The server's cap on the uncompressed size of a batched frame (`V3_MAX_UNCOMPRESSED_PAYLOAD_SIZE`).
    public static let maxUncompressedPayloadSize = 512 * 1024

    /// Decodes consecutive messages from an uncompressed payload until it is exhausted.
    public static func decodeMessages<M: BSATNDecodable>(
        _ payload: ArraySlice<UInt8>, as _: M.Type = M.self
    ) throws(ProtocolError) -> [M] {
        guard !payload.isEmpty else { throw .emptyFrame }
        var reader = BSATNReader(payload)
        var messages: [M] = []
        do {
            while !reader.isAtEnd { messages.append(try M(bsatn: &reader)) }
        } catch {
            throw .decoding(error)
        }
        return messages
    }

    /// Decodes the v2 server messages in a server payload (already taken out of its envelope).
    public static func decodeServerMessages(_ payload: ArraySlice<UInt8>) throws(ProtocolError) -> [V2.ServerMessage] {
        try decodeMessages(payload, as: V2.ServerMessage.self)
    }

    /// Decodes a whole server frame: envelope, decompression, then the messages.
    public static func decodeServerFrame(
        _ frame: ArraySlice<UInt8>, maxDecompressedSize: Int = ServerFrameCodec.defaultMaxDecompressedSize
    ) throws(ProtocolError) -> [V2.ServerMessage] {
        let payload: ArraySlice<UInt8>
        do { payload = try ServerFrameCodec.decode(frame, maxDecompressedSize: maxDecompressedSize).payload } catch {
            throw .compression(error)
        }
        return try decodeServerMessages(payload)
    }

    /// Decodes the v2 client messages in a client frame (client frames have no envelope).
    public static func decodeClientFrame(_ frame: ArraySlice<UInt8>) throws(ProtocolError) -> [V2.ClientMessage] {
        try decodeMessages(frame, as: V2.ClientMessage.self)
    }

    /// Concatenates the BSATN of `messages` (no envelope): a client frame, or a server payload.
    public static func encodeMessages<M: BSATNEncodable>(_ messages: [M]) -> [UInt8] {
        precondition(!messages.isEmpty, "a v3 frame carries at least one message")
        var writer = BSATNWriter(capacity: 256)
        for message in messages { message.encode(to: &writer) }
        return writer.bytes
    }

    /// Builds a client frame from one or more v2 client messages.
    public static func encodeClientFrame(_ messages: [V2.ClientMessage]) -> [UInt8] {
        encodeMessages(messages)
    }

    /// Builds the uncompressed payload of a server frame from one or more v2 server messages.
    public static func encodeServerPayload(_ messages: [V2.ServerMessage]) -> [UInt8] {
        encodeMessages(messages)
    }

    /// Builds a complete server frame, compressed as the server does for a connection that asked for `requested`.
    public static func encodeServerFrame(_ messages: [V2.ServerMessage], requested: Compression) -> [UInt8] {
        ServerFrameCodec.encode(payload: encodeServerPayload(messages), requested: requested)
    }
}
