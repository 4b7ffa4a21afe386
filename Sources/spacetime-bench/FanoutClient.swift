import NIOCore
import NIOPosix
import QuickstartChat
import SpacetimeDB

/// A v2 WebSocket client on raw NIO: hand-written upgrade and frames, enough for the benchmark.
final class FanoutClient: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<FanoutHandler>

    private init(channel: any Channel, handler: NIOLoopBound<FanoutHandler>) {
        self.channel = channel
        self.handler = handler
    }

    static func connect(
        group: MultiThreadedEventLoopGroup, port: Int, onMessage: @escaping @Sendable (UInt64) -> Void
    ) async throws -> FanoutClient {
        let ready = group.next().makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FanoutHandler(ready: ready, onMessage: onMessage))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let request = "GET /v1/database/quickstart-chat/subscribe?compression=None HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v2.bsatn.spacetimedb\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request))
        try await ready.futureResult.get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: FanoutHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return FanoutClient(channel: channel, handler: handler)
    }

    func subscribe() async throws {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        let message = V2.ClientMessage.subscribe(
            V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"]))
        channel.eventLoop.execute { [handler, channel] in
            handler.value.pendingReply = promise
            handler.value.write(message.bsatnBytes(), on: channel)
        }
        try await promise.futureResult.get()
    }

    func send(text: String, requestId: UInt32) async throws {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        let message = V2.ClientMessage.callReducer(
            V2.CallReducer(requestId: requestId, flags: 0, reducer: "send_message", args: SendMessageArgs(text: text).bsatnBytes()))
        channel.eventLoop.execute { [handler, channel] in
            handler.value.pendingReply = promise
            handler.value.write(message.bsatnBytes(), on: channel)
        }
        try await promise.futureResult.get()
    }
}
