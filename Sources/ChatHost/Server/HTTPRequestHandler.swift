import Foundation
import NIOCore
import NIOHTTP1

/// Answers every plain HTTP request (anything that is not an accepted WebSocket upgrade).
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: HTTPRouter
    private var head: HTTPRequestHead?

    init(router: HTTPRouter) {
        self.router = router
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            // No endpoint takes a body; it is read and dropped.
            break
        case .end:
            guard let head else { return }
            self.head = nil
            let reply = router.route(head)
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: reply.contentType)
            headers.add(name: "content-length", value: "\(reply.body.count)")
            for (name, value) in reply.headers { headers.add(name: name, value: value) }
            let keepAlive = head.isKeepAlive
            if !keepAlive { headers.add(name: "connection", value: "close") }
            let responseHead = HTTPResponseHead(
                version: head.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
            buffer.writeBytes(reply.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { channel.close(promise: nil) }
            }
        }
    }
}
