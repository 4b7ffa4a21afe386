import Logging
import NIOCore
import NIOWebSocket

/// Reads WebSocket frames of one client, feeds binary messages to the engine in order, answers pings,
/// and enforces the keep-alive: a ping every `pingInterval`, a close after `idleTimeout` of silence.
final class WebSocketSessionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let session: ClientSession
    private let inbox: AsyncStream<[UInt8]>.Continuation
    private let engine: HostEngine
    private let pingInterval: TimeAmount
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var lastActivity = NIODeadline.now()
    private var keepAlive: RepeatedTask?
    private var closed = false

    init(
        session: ClientSession, engine: HostEngine, pingInterval: TimeAmount, idleTimeout: TimeAmount,
        maxQueuedMessages: Int, logger: Logger
    ) {
        self.session = session
        self.engine = engine
        self.pingInterval = pingInterval
        self.idleTimeout = idleTimeout
        self.logger = logger
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingOldest(maxQueuedMessages))
        self.inbox = continuation
        // One task per connection keeps that client's messages in order; the engine serialises all clients.
        Task { [engine, session] in
            await engine.connect(session)
            for await frame in stream {
                await engine.handle(frame: frame, from: session)
            }
            await engine.disconnect(session)
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        keepAlive = context.eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            handler.value.keepAliveTick(channel: channel)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        lastActivity = .now()
        switch frame.opcode {
        case .binary:
            var data = frame.unmaskedData
            let bytes = data.readBytes(length: data.readableBytes) ?? []
            if case .dropped = inbox.yield(bytes) {
                session.close(code: .init(codeNumber: 1013), reason: "too many requests")
            }
        case .text:
            let reason: String
            switch session.webSocketProtocol {
            case .v3: reason = "v3 websocket does not support text messages"
            case .v2: reason = "v2 websocket does not support text messages"
            // SpacetimeDB would try to read it as v1 JSON; this host does not speak v1.json.
            case .v1: reason = "this host does not accept text (JSON) messages; use v1.bsatn binary frames"
            }
            Task { [engine, session] in await engine.reject(session, reason: reason) }
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            // Echo the close (RFC 6455 §5.5.1), then drop the connection.
            var data = frame.unmaskedData
            let code = data.readSlice(length: 2) ?? context.channel.allocator.buffer(capacity: 0)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)))
                .whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("websocket error; closing", metadata: ["error": "\(error)"])
        if let error = error as? NIOWebSocketError, case .invalidFrameLength = error {
            session.close(code: .messageTooLarge, reason: "message too large")
            return
        }
        session.close(code: .protocolError, reason: "\(error)")
    }

    private func keepAliveTick(channel: any Channel) {
        if NIODeadline.now() - lastActivity > idleTimeout {
            logger.info("closing idle client", metadata: ["identity": "\(session.identity.hexString)"])
            channel.close(promise: nil)
            return
        }
        channel.writeAndFlush(
            WebSocketFrame(fin: true, opcode: .ping, data: channel.allocator.buffer(capacity: 0)), promise: nil)
    }

    private func finish() {
        guard !closed else { return }
        closed = true
        keepAlive?.cancel()
        keepAlive = nil
        inbox.finish()
    }
}
