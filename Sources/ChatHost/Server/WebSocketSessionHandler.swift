import Logging
import NIOCore
import NIOWebSocket

/// Reads WebSocket frames of one client, feeds binary messages to the engine in order, answers pings
/// and close frames, and enforces the keep-alive: a ping every `pingInterval`, a close frame (1001)
/// after `idleTimeout` of silence.
///
/// Once the connection is closing for any reason (a protocol violation, an overflowing inbox, the
/// client's own close), nothing more it sends is read: what the engine commits from a connection is
/// always a gapless prefix of what the client sent.
final class WebSocketSessionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let session: ClientSession
    private let inbox: EngineInbox
    private let engine: HostEngine
    private let pingInterval: TimeAmount
    private let idleTimeout: TimeAmount
    private let logger: Logger
    private var lastActivity = NIODeadline.now()
    private var keepAlive: RepeatedTask?
    private var closed = false
    /// Set when the connection starts closing: frames read after that are dropped unread.
    private var ignoringInput = false

    init(
        session: ClientSession, engine: HostEngine, pingInterval: TimeAmount, idleTimeout: TimeAmount,
        maxQueuedMessages: Int, logger: Logger
    ) {
        self.session = session
        self.engine = engine
        self.pingInterval = pingInterval
        self.idleTimeout = idleTimeout
        self.logger = logger
        // The engine's serial queue keeps this client's messages in order and serialises all clients.
        self.inbox = EngineInbox(engine: engine, session: session, limit: maxQueuedMessages)
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
        guard !ignoringInput else { return }
        let frame = unwrapInboundIn(data)
        lastActivity = .now()
        switch frame.opcode {
        case .binary:
            var data = frame.unmaskedData
            let bytes = data.readBytes(length: data.readableBytes) ?? []
            if !inbox.deliver(bytes) {
                // Nothing after a dropped message may be handled, or the commits would have a gap.
                closeForGood(code: WebSocketErrorCode(codeNumber: 1013), reason: "too many requests")
            }
        case .text:
            let reason: String
            switch session.webSocketProtocol {
            case .v3: reason = "v3 websocket does not support text messages"
            case .v2: reason = "v2 websocket does not support text messages"
            // SpacetimeDB would try to read it as v1 JSON; this host does not speak v1.json.
            case .v1: reason = "this host does not accept text (JSON) messages; use v1.bsatn binary frames"
            }
            ignoringInput = true
            Task { [engine, session] in await engine.reject(session, reason: reason) }
        case .ping:
            session.sendControl(.pong, data: frame.unmaskedData)
        case .connectionClose:
            var data = frame.unmaskedData
            let payload = data.readBytes(length: data.readableBytes) ?? []
            switch WebSocketFrameRules.closeReply(to: payload) {
            case .echo(let code):
                // RFC 6455 §5.5.1: answer with a close frame (echoing the code), then drop the connection.
                closeForGood(code: code.map { WebSocketErrorCode(codeNumber: Int($0)) }, reason: "")
            case .fail(let code, let reason):
                closeForGood(code: WebSocketErrorCode(codeNumber: Int(code)), reason: reason)
            }
        default:
            // Pongs; reserved opcodes never get here (WebSocketFrameValidator closes with 1002).
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("websocket error; closing", metadata: ["error": "\(error)"])
        closeForGood(code: Self.closeCode(for: error), reason: Self.closeReason(for: error))
    }

    /// The close code for a framing error: 1009 for any message over the size cap, 1002 otherwise.
    static func closeCode(for error: any Error) -> WebSocketErrorCode {
        switch error {
        case NIOWebSocketError.invalidFrameLength, NIOWebSocketFrameAggregator.Error.accumulatedFrameSizeIsTooLarge,
            NIOWebSocketFrameAggregator.Error.tooManyFragments:
            return .messageTooLarge
        default:
            return .protocolError
        }
    }

    private static func closeReason(for error: any Error) -> String {
        closeCode(for: error) == .messageTooLarge ? "message too large" : "\(error)"
    }

    private func closeForGood(code: WebSocketErrorCode?, reason: String) {
        ignoringInput = true
        session.close(code: code, reason: reason)
    }

    private func keepAliveTick(channel: any Channel) {
        guard !ignoringInput else { return }
        if NIODeadline.now() - lastActivity > idleTimeout {
            logger.info("closing idle client", metadata: ["identity": "\(session.identity.hexString)"])
            closeForGood(code: .goingAway, reason: "no frame from the client for too long")
            return
        }
        session.sendControl(.ping, data: channel.allocator.buffer(capacity: 0))
    }

    private func finish() {
        guard !closed else { return }
        closed = true
        keepAlive?.cancel()
        keepAlive = nil
        inbox.finish()
    }
}
