import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Answers every plain HTTP request (anything that is not an accepted WebSocket upgrade), and cuts
/// connections that are slow to send a request, idle between requests, or got a 400
/// (``HTTPConnectionDeadlines``). Removed from the pipeline when the connection becomes a WebSocket.
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: HTTPRouter
    private let logger: Logger
    private var head: HTTPRequestHead?
    private var deadlines: HTTPConnectionDeadlines
    private var deadline: Scheduled<Void>?
    private var opened = false
    private var removed = false

    init(router: HTTPRouter, requestTimeout: TimeAmount, idleTimeout: TimeAmount, logger: Logger) {
        self.router = router
        self.logger = logger
        self.deadlines = HTTPConnectionDeadlines(requestTimeout: requestTimeout, idleTimeout: idleTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { open(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        open(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        removed = true
        deadline?.cancel()
        deadline = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            apply(deadlines.on(.requestHead), context: context)
        case .body:
            // No endpoint takes a body; it is read and dropped.
            break
        case .end:
            guard let head else { return }
            self.head = nil
            apply(deadlines.on(.requestEnd), context: context)
            respond(to: head, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A declined WebSocket upgrade also arrives here (the request then comes through as plain HTTP
        // and is answered); only an unparsable request ends the connection.
        guard error is HTTPParserError else { return }
        // HTTPServerProtocolErrorHandler has already answered 400.
        logger.info("closing an HTTP connection after a malformed request", metadata: ["error": "\(error)"])
        deadline?.cancel()
        context.close(promise: nil)
    }

    private func open(context: ChannelHandlerContext) {
        guard !opened else { return }
        opened = true
        apply(deadlines.on(.opened), context: context)
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let reply = router.route(head)
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: reply.contentType)
        headers.add(name: "content-length", value: "\(reply.body.count)")
        for (name, value) in reply.headers { headers.add(name: name, value: value) }
        let keepAlive = head.isKeepAlive && reply.status != 400
        if !keepAlive { headers.add(name: "connection", value: "close") }
        let responseHead = HTTPResponseHead(
            version: head.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        // HEAD: the headers GET would send (content-length included), no body (RFC 9110 §9.3.2).
        if head.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
            buffer.writeBytes(reply.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let actions = deadlines.on(.responseSent(status: reply.status, keepAlive: keepAlive))
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            handler.value.apply(actions, context: boundContext.value)
        }
    }

    private func apply(_ actions: [HTTPConnectionDeadlines.Action], context: ChannelHandlerContext) {
        // Once the connection is a WebSocket, its own keep-alive rules apply.
        guard !removed else { return }
        for action in actions {
            switch action {
            case .arm(let timeout):
                deadline?.cancel()
                let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
                let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                deadline = context.eventLoop.scheduleTask(in: timeout) {
                    let context = boundContext.value
                    handler.value.apply(handler.value.deadlines.on(.deadlinePassed), context: context)
                }
            case .disarm:
                deadline?.cancel()
                deadline = nil
            case .close(let reason):
                logger.debug("closing an HTTP connection", metadata: ["reason": "\(reason)"])
                deadline?.cancel()
                deadline = nil
                context.close(promise: nil)
            }
        }
    }
}
