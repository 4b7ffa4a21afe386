import Logging
import NIOCore
import NIOWebSocket

/// Asks the WebSocket handler to close the connection normally (sent from ``NIOWebSocketTransport/close()``).
struct CloseRequested: Sendable {}

/// The WebSocket side of the transport: hands complete binary messages to the sink, answers Pings,
/// keeps the connection alive and turns every way of ending into one closing event.
///
/// Keep-alive as the Rust SDK does it: after `idleTimeout` without any frame from the server it sends
/// a Ping; if the next `idleTimeout` passes silently as well, the connection is given up as timed out.
final class WebSocketMessageHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let sink: TransportEventSink
    private let logger: Logger
    private var awaitingPong = false
    private var closeRequested = false
    private var closeSent = false
    private var endError: DbConnectionError?

    init(sink: TransportEventSink, logger: Logger) {
        self.sink = sink
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        awaitingPong = false
        switch frame.opcode {
        case .binary:
            var payload = frame.unmaskedData
            sink.emit(.frame(payload.readBytes(length: payload.readableBytes) ?? []))
        case .text:
            logger.warning("ignoring a text frame: only the BSATN protocols are supported")
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .pong:
            break
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readInteger(as: UInt16.self).map(Int.init) ?? 1005
            let reason = data.readString(length: data.readableBytes) ?? ""
            if !closeRequested { endError = .closedByServer(code: code, reason: reason) }
            sendClose(context: context, code: .normalClosure)
            context.close(promise: nil)
        default:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is CloseRequested {
            closeRequested = true
            sendClose(context: context, code: .normalClosure)
            context.close(promise: nil)
        } else if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            if awaitingPong {
                endError = .timedOut
                context.close(promise: nil)
            } else {
                awaitingPong = true
                let ping = WebSocketFrame(fin: true, opcode: .ping, maskKey: .random(), data: ByteBuffer())
                context.writeAndFlush(wrapOutboundOut(ping), promise: nil)
            }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if endError == nil {
            endError = error is NIOWebSocketError || error is ByteToMessageDecoderError
                ? .protocolViolation("bad WebSocket frame: \(error)") : .connectionLost("\(error)")
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if closeRequested {
            sink.finish(nil)
        } else {
            sink.finish(endError ?? .connectionLost("the socket closed without a WebSocket close frame"))
        }
        context.fireChannelInactive()
    }

    private func sendClose(context: ChannelHandlerContext, code: WebSocketErrorCode) {
        guard !closeSent else { return }
        closeSent = true
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }
}
