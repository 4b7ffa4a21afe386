import NIOCore
import NIOWebSocket

/// Checks each raw client frame against ``WebSocketFrameRules`` before it is reassembled or read: an
/// unmasked frame, RSV bits or a reserved opcode close the connection with 1002, and nothing the
/// client sends after that is passed on.
final class WebSocketFrameValidator: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame

    private let session: ClientSession
    private var failed = false

    init(session: ClientSession) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let frame = unwrapInboundIn(data)
        if let violation = WebSocketFrameRules.violation(
            opcode: UInt8(webSocketOpcode: frame.opcode), reservedBits: frame.reservedBits.rawValue,
            masked: frame.maskKey != nil)
        {
            failed = true
            session.close(code: .protocolError, reason: violation)
            return
        }
        context.fireChannelRead(data)
    }
}
