import NIOCore
import SpacetimeDB

/// One server message queued for a client: its BSATN, and the complete WebSocket frame that carries
/// it alone (header and compression envelope included), when that was built once for many clients.
///
/// A fan-out builds one of these per group of clients that receive the same bytes; every member's
/// socket then writes the same buffer (NIO shares it, reference-counted, without copying), instead of
/// each client encoding, framing and copying the message again.
struct OutboundMessage: Sendable {
    /// The message's BSATN, without envelope (a v3 batch concatenates these).
    let bytes: [UInt8]
    /// The wire frame for this message on its own, or nil to build it at flush time.
    let wireFrame: ByteBuffer?

    /// A message to frame when it is flushed (sent to one client).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        wireFrame = nil
    }

    /// A message framed now for clients that asked for `compression`.
    init(sharing bytes: [UInt8], compression: Compression) {
        self.bytes = bytes
        wireFrame = OutboundMessage.wireFrame(bytes, compression: compression, allocator: ByteBufferAllocator())
    }

    /// The same message in storage of its own (nothing shared with this one).
    func copy() -> OutboundMessage {
        OutboundMessage(bytes: bytes.withUnsafeBufferPointer { Array($0) }, wireFrame: wireFrame.map { ByteBuffer(buffer: $0) })
    }

    private init(bytes: [UInt8], wireFrame: ByteBuffer?) {
        self.bytes = bytes
        self.wireFrame = wireFrame
    }

    /// The wire frame carrying this message alone (`allocator` is asked for only when it is built
    /// here: a fan-out's shared frame needs none).
    func wireFrame(compression: Compression, allocator: @autoclosure () -> ByteBufferAllocator) -> ByteBuffer {
        wireFrame ?? OutboundMessage.wireFrame(bytes, compression: compression, allocator: allocator())
    }

    /// The binary WebSocket frame (``WebSocketWireHeader``, then the payload ``ServerFrameCodec``
    /// makes of `bytes` for a client that asked for `compression`), in one buffer: the uncompressed
    /// case is written straight into it.
    static func wireFrame<C: Collection>(
        _ bytes: C, compression: Compression, allocator: ByteBufferAllocator
    ) -> ByteBuffer where C.Element == UInt8 {
        guard ServerFrameCodec.decideCompression(payloadSize: bytes.count, requested: compression) == .none else {
            let payload = ServerFrameCodec.encode(payload: bytes, requested: compression)
            var buffer = allocator.buffer(capacity: WebSocketWireHeader.maxSize + payload.count)
            WebSocketWireHeader.write(binaryPayloadLength: payload.count, into: &buffer)
            buffer.writeBytes(payload)
            return buffer
        }
        var buffer = allocator.buffer(capacity: WebSocketWireHeader.maxSize + bytes.count + 1)
        WebSocketWireHeader.write(binaryPayloadLength: bytes.count + 1, into: &buffer)
        buffer.writeInteger(UInt8(0))
        buffer.writeBytes(bytes)
        return buffer
    }
}
