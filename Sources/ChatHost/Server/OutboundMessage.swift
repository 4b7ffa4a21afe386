import NIOCore
import SpacetimeDB

/// One server message queued for a client: its BSATN, and the WebSocket payload that carries it
/// alone (compression envelope included), when that was encoded once for many clients.
///
/// A fan-out builds one of these per group of clients that receive the same bytes; every member's
/// socket then writes the same buffer (NIO shares it copy-on-write), instead of each client encoding
/// and copying the message again.
struct OutboundMessage: Sendable {
    /// The message's BSATN, without envelope (a v3 batch concatenates these).
    let bytes: [UInt8]
    /// The frame payload for this message on its own, or nil to encode it at flush time.
    let frame: ByteBuffer?

    /// A message to encode when it is flushed (sent to one client).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        frame = nil
    }

    /// A message encoded now for clients that asked for `compression`.
    init(sharing bytes: [UInt8], compression: Compression) {
        self.bytes = bytes
        frame = OutboundMessage.encode(bytes, compression: compression, allocator: ByteBufferAllocator())
    }

    /// The payload of a frame carrying this message alone.
    func frame(compression: Compression, allocator: ByteBufferAllocator) -> ByteBuffer {
        frame ?? OutboundMessage.encode(bytes, compression: compression, allocator: allocator)
    }

    /// The frame payload for `bytes` as the server sends it to a client that asked for `compression`
    /// (``ServerFrameCodec``): the uncompressed case is written straight into the buffer.
    static func encode<C: Collection>(
        _ bytes: C, compression: Compression, allocator: ByteBufferAllocator
    ) -> ByteBuffer where C.Element == UInt8 {
        guard ServerFrameCodec.decideCompression(payloadSize: bytes.count, requested: compression) == .none else {
            let payload = ServerFrameCodec.encode(payload: bytes, requested: compression)
            var buffer = allocator.buffer(capacity: payload.count)
            buffer.writeBytes(payload)
            return buffer
        }
        var buffer = allocator.buffer(capacity: bytes.count + 1)
        buffer.writeInteger(UInt8(0))
        buffer.writeBytes(bytes)
        return buffer
    }
}
