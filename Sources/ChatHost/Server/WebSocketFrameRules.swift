/// The RFC 6455 rules a client's frames must follow, and the answer to a client's close frame.
/// Pure: the session handler applies what these return.
enum WebSocketFrameRules {
    /// Why a frame from a client breaks RFC 6455 (the connection is then closed with 1002), or nil.
    ///
    /// - `opcode`: the 4-bit opcode as sent; `reservedBits`: RSV1–RSV3 as the top bits of the first byte
    ///   (`0x70` mask); `masked`: whether the frame carried a masking key.
    static func violation(opcode: UInt8, reservedBits: UInt8, masked: Bool) -> String? {
        // §5.1: a client masks every frame it sends.
        guard masked else { return "client frames must be masked" }
        // §5.2: RSV bits are for extensions, and none was negotiated.
        guard reservedBits & 0x70 == 0 else { return "reserved bits set without a negotiated extension" }
        // §5.2: 0x3–0x7 and 0xB–0xF are reserved.
        guard [0x0, 0x1, 0x2, 0x8, 0x9, 0xA].contains(opcode) else { return "reserved opcode \(opcode)" }
        return nil
    }

    /// What the host sends back when a client's close frame has `payload` (already unmasked).
    enum CloseReply: Equatable {
        /// Echo this status code (RFC 6455 §5.5.1: the endpoint typically echoes the code it received);
        /// nil for a close frame without a body, answered with an empty close frame.
        case echo(code: UInt16?)
        /// The close frame itself is invalid: answer 1002 (bad code or length) or 1007 (reason not UTF-8).
        case fail(code: UInt16, reason: String)
    }

    /// The answer to a client close frame with `payload`.
    static func closeReply(to payload: [UInt8]) -> CloseReply {
        if payload.isEmpty { return .echo(code: nil) }
        guard payload.count >= 2 else { return .fail(code: 1002, reason: "a close frame body must hold a 2-byte status code") }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard isValidReceivedCloseCode(code) else { return .fail(code: 1002, reason: "invalid close code \(code)") }
        guard String(validating: payload.dropFirst(2), as: UTF8.self) != nil else {
            return .fail(code: 1007, reason: "close reason is not valid UTF-8")
        }
        return .echo(code: code)
    }

    /// Whether a peer may send `code` in a close frame (RFC 6455 §7.4 and the IANA registry):
    /// 1000–1003 and 1007–1014 are defined; 1004–1006 and 1015 must never be sent; 1016–2999 are
    /// reserved; 3000–4999 belong to libraries and applications.
    static func isValidReceivedCloseCode(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: return true
        default: return false
        }
    }
}
