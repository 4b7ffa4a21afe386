import NIOCore
import NIOHTTP1

/// Sends the WebSocket upgrade request once the channel is active, and turns a refused upgrade
/// (any status but 101) into ``DbConnectionError/httpStatus(code:reason:body:)`` with the body text.
///
/// It sits behind NIO's client upgrade handler, which adds the `Upgrade`/`Connection` and
/// `Sec-WebSocket-Key` headers and, on a 101, swaps the HTTP handlers for WebSocket ones.
final class UpgradeRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let request: ConnectRequest
    private let sink: TransportEventSink
    private var refused: HTTPResponseHead?
    private var body = ByteBuffer()
    private let maxBodyBytes = 64 * 1024

    init(request: ConnectRequest, sink: TransportEventSink) {
        self.request = request
        self.sink = sink
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: request.hostHeader)
        headers.add(name: "Content-Length", value: "0")
        headers.add(name: "Sec-WebSocket-Protocol", value: request.protocols.map(\.subprotocol).joined(separator: ", "))
        if let token = request.token {
            headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: request.pathAndQuery, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            refused = head
        case .body(var chunk):
            if body.readableBytes < maxBodyBytes { body.writeBuffer(&chunk) }
        case .end:
            guard let head = refused else { return }
            let text = body.readString(length: min(body.readableBytes, maxBodyBytes)) ?? ""
            sink.finish(.httpStatus(code: Int(head.status.code), reason: head.status.reasonPhrase, body: text))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let upgradeError = error as? NIOHTTPClientUpgradeError {
            sink.finish(.handshakeFailed(
                upgradeError == .upgraderDeniedUpgrade
                    ? "the server's Sec-WebSocket-Accept does not match the key sent" : "\(upgradeError)"))
        } else {
            sink.finish(.connectFailed("\(error)"))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let head = refused {
            let text = body.readString(length: min(body.readableBytes, maxBodyBytes)) ?? ""
            sink.finish(.httpStatus(code: Int(head.status.code), reason: head.status.reasonPhrase, body: text))
        } else {
            sink.finish(.connectFailed("the server closed the connection during the WebSocket handshake"))
        }
        context.fireChannelInactive()
    }
}
