import NIOCore
import SpacetimeDB
import Testing

@testable import ChatHost

/// The host frames its data itself (RFC 6455 §5.2: FIN + binary, no mask, 7-bit / 16-bit / 64-bit
/// length), so each boundary of the length encoding is checked byte for byte, and a framed message's
/// header is followed by exactly its payload.
@Suite struct WebSocketWireHeaderTests {
    static let cases: [(length: Int, header: [UInt8])] = [
        (0, [0x82, 0x00]),
        (1, [0x82, 0x01]),
        (125, [0x82, 0x7D]),
        (126, [0x82, 0x7E, 0x00, 0x7E]),
        (65_535, [0x82, 0x7E, 0xFF, 0xFF]),
        (65_536, [0x82, 0x7F, 0, 0, 0, 0, 0, 0x01, 0x00, 0x00]),
        (5_000_000, [0x82, 0x7F, 0, 0, 0, 0, 0x00, 0x4C, 0x4B, 0x40]),
    ]

    static func header(length: Int) -> [UInt8] {
        var buffer = ByteBuffer()
        WebSocketWireHeader.write(binaryPayloadLength: length, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    @Test(arguments: cases)
    func headerBytes(length: Int, header: [UInt8]) {
        #expect(Self.header(length: length) == header)
        #expect(header.count <= WebSocketWireHeader.maxSize)
    }

    @Test(arguments: [0, 124, 125, 70_000])
    func aSharedMessageIsOneFrameOfEnvelopeAndBytes(count: Int) {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0) }
        let frame = OutboundMessage(sharing: bytes, compression: .none).wireFrame(compression: .none, allocator: ByteBufferAllocator())
        let header = Self.header(length: count + 1)
        #expect(Array(frame.readableBytesView) == header + [0] + bytes)
    }
}
