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
        group: MultiThreadedEventLoopGroup, port: Int, mode: FanoutSubscriberMode = .decode, milestones: [Int] = [],
        onMilestone: @escaping @Sendable (Int) -> Void = { _ in }, query: String = "compression=None"
    ) async throws -> FanoutClient {
        // One loop for the channel and its promise: with two `group.next()` calls per client, every
        // channel of a two-thread group landed on the same thread.
        let loop = group.next()
        let ready = loop.makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FanoutHandler(ready: ready, mode: mode, milestones: milestones, onMilestone: onMilestone))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        let request = "GET /v1/database/quickstart-chat/subscribe?\(query) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v2.bsatn.spacetimedb\r\n\r\n"
        try await channel.writeAndFlush(ByteBuffer(string: request))
        try await ready.futureResult.get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: FanoutHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return FanoutClient(channel: channel, handler: handler)
    }

    /// What the subscriber recorded per update, in order (``FanoutHandler/samples``).
    func samples() async throws -> [UInt64] {
        try await channel.eventLoop.submit { [handler] in handler.value.samples }.get()
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

    /// Sends `count` `send_message` calls, each after the previous one's `ReducerResult`, driven from
    /// the channel's event loop (a reply is answered with the next call without leaving the loop, so
    /// the load generator costs the shared CPU as little as it can). Returns after the last reply.
    /// With `encodedAhead`, every call is encoded and framed before the first is sent.
    func sendSequence(count: Int, encodedAhead: Bool = false, text: @escaping @Sendable (Int) -> String) async throws {
        guard count > 0 else { return }
        @Sendable func call(_ index: Int) -> [UInt8] {
            V2.ClientMessage.callReducer(
                V2.CallReducer(
                    requestId: UInt32(truncatingIfNeeded: index), flags: 0, reducer: "send_message",
                    args: SendMessageArgs(text: text(index)).bsatnBytes())
            ).bsatnBytes()
        }
        let frames = encodedAhead ? (0..<count).map { FanoutHandler.frame(opcode: 0x2, payload: call($0)) } : []
        let done = channel.eventLoop.makePromise(of: Void.self)
        channel.eventLoop.execute { [handler, channel] in
            let handler = handler.value
            var index = 0
            func sendNext() {
                if encodedAhead {
                    channel.writeAndFlush(frames[index], promise: nil)
                } else {
                    handler.write(call(index), on: channel)
                }
            }
            handler.onReply = {
                index += 1
                if index < count {
                    sendNext()
                } else {
                    handler.onReply = nil
                    done.succeed(())
                }
            }
            sendNext()
        }
        try await done.futureResult.get()
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
