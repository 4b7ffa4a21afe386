/// Splits the bytes a WebSocket client reads into the server's frames (unmasked, RFC 6455 §5.2),
/// keeping an incomplete frame's bytes until the rest arrives.
///
/// Pure: the `raw` host-fanout subscribers feed it each `read(2)`'s bytes; when nothing is carried
/// over (the usual case, one small frame per read) it reads the frames straight from those bytes.
struct ServerFrameScanner {
    /// One complete frame: its opcode, whether it ends its message, and its payload's first two bytes
    /// (the v2 compression envelope and message tag), or `nil` where the payload is shorter.
    struct Frame: Equatable {
        var opcode: UInt8
        var isFinal: Bool
        var head: (UInt8, UInt8)?
        /// The payload itself, for the frames whose payload the caller needs (a ping's, to echo it).
        var payload: [UInt8]

        static func == (lhs: Frame, rhs: Frame) -> Bool {
            lhs.opcode == rhs.opcode && lhs.isFinal == rhs.isFinal && lhs.head?.0 == rhs.head?.0
                && lhs.head?.1 == rhs.head?.1 && lhs.payload == rhs.payload
        }
    }

    /// Bytes of a frame whose end has not arrived yet.
    private(set) var carried: [UInt8] = []

    /// Whether the payload of a frame with this opcode is copied out (control frames: ping, pong, close).
    static func keepsPayload(_ opcode: UInt8) -> Bool { opcode >= 0x8 }

    /// Calls `body` with each frame completed by `bytes`, in order.
    mutating func scan(_ bytes: UnsafeRawBufferPointer, _ body: (Frame) -> Void) {
        if carried.isEmpty {
            let used = Self.frames(in: bytes, body)
            if used < bytes.count { carried.append(contentsOf: bytes[used...]) }
        } else {
            carried.append(contentsOf: bytes)
            let used = carried.withUnsafeBytes { Self.frames(in: $0, body) }
            carried.removeFirst(used)
        }
    }

    /// Reads the complete frames at the start of `bytes`; returns how many bytes they took.
    static func frames(in bytes: UnsafeRawBufferPointer, _ body: (Frame) -> Void) -> Int {
        var offset = 0
        while let (frame, length) = frame(at: offset, in: bytes) {
            body(frame)
            offset += length
        }
        return offset
    }

    /// The frame starting at `offset` and its whole length, or `nil` when `bytes` ends inside it.
    static func frame(at offset: Int, in bytes: UnsafeRawBufferPointer) -> (Frame, Int)? {
        let available = bytes.count - offset
        guard available >= 2 else { return nil }
        let first = bytes[offset]
        let second = bytes[offset + 1]
        var headerLength = 2
        var payloadLength = UInt64(second & 0x7F)
        if payloadLength == 126 {
            guard available >= 4 else { return nil }
            payloadLength = UInt64(bytes[offset + 2]) << 8 | UInt64(bytes[offset + 3])
            headerLength = 4
        } else if payloadLength == 127 {
            guard available >= 10 else { return nil }
            payloadLength = (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[offset + 2 + $1]) }
            headerLength = 10
        }
        // A masked server frame is a protocol error a test client need not survive; its mask key
        // is skipped so the scan stays in step.
        if second & 0x80 != 0 { headerLength += 4 }
        guard available >= headerLength, payloadLength <= UInt64(available - headerLength) else { return nil }
        let start = offset + headerLength
        let count = Int(payloadLength)
        let opcode = first & 0x0F
        let head = count >= 2 ? (bytes[start], bytes[start + 1]) : nil
        let payload = keepsPayload(opcode) ? Array(bytes[start..<start + count]) : []
        return (Frame(opcode: opcode, isFinal: first & 0x80 != 0, head: head, payload: payload), headerLength + count)
    }
}
