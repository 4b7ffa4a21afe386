import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// A minimal WebSocket server on 127.0.0.1 with an ephemeral port, playing a SpacetimeDB server
/// with hand-built frames, for the SDK's socket tests.
final class TransportTestServer: Sendable {
    /// How the server behaves.
    struct Behaviour: Sendable {
        /// Subprotocols in the server's preference order; it picks the first the client offered.
        var protocols: [String] = ["v1.bsatn.spacetimedb"]
        /// Refuse the upgrade with this status and body.
        var refuse: (code: Int, body: String)?
        /// Ignore HTTP and answer with these raw bytes (to send a broken handshake).
        var rawResponse: String?
        /// Answer the client's Pings.
        var answerPings = true
        /// Runs on the event loop once the WebSocket is open.
        var onOpen: @Sendable (ServerSocket) -> Void = { _ in }
        /// Runs on the event loop for every binary message from the client.
        var onMessage: @Sendable (ServerSocket, [UInt8]) -> Void = { _, _ in }
    }

    /// What the server saw, in order.
    enum Seen: Sendable, Equatable {
        case request(uri: String, headers: [String: String])
        case binary([UInt8])
        case ping([UInt8])
        case pong([UInt8])
        case close(Int)
    }

    let port: Int
    private let channel: any Channel
    private let seen = Mutex<[Seen]>([])

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Everything seen so far.
    var log: [Seen] { seen.withLock { $0 } }
    /// The binary messages the client sent.
    var binaryMessages: [[UInt8]] {
        log.compactMap { if case .binary(let bytes) = $0 { return bytes } else { return nil } }
    }
    /// The upgrade request's target and headers (lower-cased names).
    var request: (uri: String, headers: [String: String])? {
        for entry in log { if case .request(let uri, let headers) = entry { return (uri, headers) } }
        return nil
    }

    func record(_ entry: Seen) { seen.withLock { $0.append(entry) } }

    /// The server's `http://127.0.0.1:<port>` URI.
    var uri: String { "http://127.0.0.1:\(port)" }

    static func start(_ behaviour: Behaviour) async throws -> TransportTestServer {
        let box = Mutex<TransportTestServer?>(nil)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let server = box.withLock({ $0 }) else { return }
                    try configure(channel: channel, behaviour: behaviour, server: server)
                }
            }
        let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        let server = TransportTestServer(port: channel.localAddress?.port ?? 0, channel: channel)
        box.withLock { $0 = server }
        return server
    }

    private static func configure(channel: any Channel, behaviour: Behaviour, server: TransportTestServer) throws {
        let pipeline = channel.pipeline.syncOperations
        if let raw = behaviour.rawResponse {
            try pipeline.addHandler(RawResponder(response: raw))
            return
        }
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20, automaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                server.record(.request(uri: head.uri, headers: headers))
                if behaviour.refuse != nil { return channel.eventLoop.makeSucceededFuture(nil) }
                let offered = head.headers["Sec-WebSocket-Protocol"].flatMap { $0.split(separator: ",") }
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard let selected = behaviour.protocols.first(where: offered.contains) else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
                var response = HTTPHeaders()
                response.add(name: "Sec-WebSocket-Protocol", value: selected)
                return channel.eventLoop.makeSucceededFuture(response)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    // The HTTP responder must not see WebSocket bytes.
                    if let responder = try? channel.pipeline.syncOperations.context(handlerType: RefusingResponder.self) {
                        channel.pipeline.syncOperations.removeHandler(context: responder, promise: nil)
                    }
                    try channel.pipeline.syncOperations.addHandler(ServerFrameHandler(server: server, behaviour: behaviour))
                    behaviour.onOpen(ServerSocket(channel: channel))
                }
            })
        try pipeline.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
        try pipeline.addHandler(RefusingResponder(refuse: behaviour.refuse ?? (400, "no valid protocol selected")))
    }

    func shutdown() async {
        try? await channel.close()
    }
}

/// The server's side of one WebSocket.
struct ServerSocket: Sendable {
    let channel: any Channel

    func send(_ bytes: [UInt8]) {
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .binary, data: ByteBuffer(bytes: bytes)), promise: nil)
    }

    /// Sends `bytes` as one message split into continuation frames of `pieceSize` bytes.
    func sendFragmented(_ bytes: [UInt8], pieceSize: Int) {
        var offset = 0
        var first = true
        while offset < bytes.count {
            let end = min(offset + pieceSize, bytes.count)
            let frame = WebSocketFrame(
                fin: end == bytes.count, opcode: first ? .binary : .continuation, data: ByteBuffer(bytes: bytes[offset..<end]))
            channel.write(frame, promise: nil)
            first = false
            offset = end
        }
        channel.flush()
    }

    func ping(_ payload: [UInt8]) {
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(bytes: payload)), promise: nil)
    }

    func close(code: UInt16, reason: String) {
        var data = ByteBuffer()
        data.writeInteger(code)
        data.writeString(reason)
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), promise: nil)
    }
}

/// Records client frames; answers Pings when told to.
private final class ServerFrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame
    let server: TransportTestServer
    let behaviour: TransportTestServer.Behaviour

    init(server: TransportTestServer, behaviour: TransportTestServer.Behaviour) {
        self.server = server
        self.behaviour = behaviour
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        var payload = frame.unmaskedData
        let bytes = payload.readBytes(length: payload.readableBytes) ?? []
        switch frame.opcode {
        case .binary:
            server.record(.binary(bytes))
            behaviour.onMessage(ServerSocket(channel: context.channel), bytes)
        case .ping:
            server.record(.ping(bytes))
            if behaviour.answerPings {
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
            }
        case .pong: server.record(.pong(bytes))
        case .connectionClose:
            server.record(.close(bytes.count >= 2 ? Int(bytes[0]) << 8 | Int(bytes[1]) : 1005))
            context.close(promise: nil)
        default: break
        }
    }
}

/// Answers a request the upgrader turned down with a status and a text body.
private final class RefusingResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let refuse: (code: Int, body: String)

    init(refuse: (code: Int, body: String)) { self.refuse = refuse }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: "\(refuse.body.utf8.count)")
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: refuse.code), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: refuse.body)))), promise: nil)
        let boundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in boundContext.value.close(promise: nil) }
    }
}

/// Writes a fixed response to whatever arrives.
private final class RawResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let response: String
    var answered = false

    init(response: String) { self.response = response }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: response)), promise: nil)
    }
}
