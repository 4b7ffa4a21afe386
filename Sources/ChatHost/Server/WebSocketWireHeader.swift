import NIOCore

/// The header of an unmasked, final, binary WebSocket frame as a server sends it (RFC 6455 §5.2).
///
/// The host frames each outgoing message itself, once, and writes the framed bytes past NIO's
/// `WebSocketFrameEncoder`: a message shared by a thousand subscribers is then one buffer written a
/// thousand times, instead of a thousand frame values each given a header buffer of its own.
enum WebSocketWireHeader {
    /// The most bytes a header takes: the first byte, the length byte, and a 64-bit extended length.
    static let maxSize = 10

    /// Writes the header for a payload of `length` bytes at the buffer's writer index.
    static func write(binaryPayloadLength length: Int, into buffer: inout ByteBuffer) {
        let first: UInt8 = 0x82
        switch length {
        case 0...125:
            buffer.writeMultipleIntegers(first, UInt8(length))
        case 126...0xFFFF:
            buffer.writeMultipleIntegers(first, UInt8(126), UInt16(length))
        default:
            buffer.writeMultipleIntegers(first, UInt8(127), UInt64(length))
        }
    }
}
