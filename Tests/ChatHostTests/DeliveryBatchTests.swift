import Logging
import NIOCore
import NIOEmbedded
import NIOWebSocket
import SpacetimeDB
import Testing

@testable import ChatHost

/// A fan-out through ``SubscriberRegistry`` and ``DeliveryBatch`` onto ``ClientSession``s on embedded
/// channels: who gets which frames, in which order, and when a client is dropped as too slow.
///
/// Synchronous tests: an `EmbeddedEventLoop` must be used from the thread that made it.
@Suite struct DeliveryBatchTests {
    /// A session on an embedded channel whose pipeline has the WebSocket encoder, where sessions write.
    static func session(id: UInt64, on loop: EmbeddedEventLoop, maxPendingBytes: Int = 1 << 20) throws
        -> (ClientSession, EmbeddedChannel)
    {
        let channel = EmbeddedChannel(handlers: [WebSocketFrameEncoder()], loop: loop)
        let session = ClientSession(
            id: id, identity: .zero, connectionId: .zero, token: "", webSocketProtocol: .v2, compression: .none,
            light: false, maxPendingBytes: maxPendingBytes, channel: channel,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        return (session, channel)
    }

    /// Every frame the channel wrote, as the payload bytes after the WebSocket header and the envelope tag.
    static func sent(_ channel: EmbeddedChannel) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            // A short unmasked binary frame: 0x82, length, then envelope tag 0 and the message.
            #expect(bytes.count >= 3 && bytes[0] == 0x82 && Int(bytes[1]) == bytes.count - 2 && bytes[2] == 0)
            frames.append(Array(bytes.dropFirst(3)))
        }
        return frames
    }

    @Test func everyMemberButTheCallerGetsTheUpdateAndTheCallerItsResult() throws {
        let loopA = EmbeddedEventLoop()
        let loopB = EmbeddedEventLoop()
        let sessions = try [(1, loopA), (2, loopA), (3, loopA), (4, loopB), (5, loopB)].map {
            try Self.session(id: UInt64($0.0), on: $0.1)
        }
        var registry = SubscriberRegistry()
        for (session, _) in sessions { registry.add(session) }
        let groups = Array(registry.groups.values)
        try #require(groups.count == 1)
        #expect(groups[0].loops.map(\.sessions.count).sorted() == [2, 3])

        let update: [UInt8] = [1, 2, 3]
        let result: [UInt8] = [9]
        var batch = DeliveryBatch()
        batch.add(shared: OutboundMessage(sharing: update, compression: .none), to: groups[0].loops, excluding: 2)
        batch.add(OutboundMessage(bytes: result), to: sessions[1].0)
        batch.submit()
        loopA.run()
        loopB.run()

        for (session, channel) in sessions {
            #expect(try Self.sent(channel) == (session.id == 2 ? [result] : [update]), "client \(session.id)")
        }
    }

    @Test func messagesOfOneBatchReachEachClientInOrder() throws {
        let loop = EmbeddedEventLoop()
        let (first, firstChannel) = try Self.session(id: 1, on: loop)
        let (second, secondChannel) = try Self.session(id: 2, on: loop)
        var registry = SubscriberRegistry()
        registry.add(first)
        registry.add(second)
        let members = try #require(registry.groups.values.first).loops
        // Two transactions of one sync: 1's result comes after the update 2's call sent to it.
        var batch = DeliveryBatch()
        batch.add(shared: OutboundMessage(sharing: [10], compression: .none), to: members, excluding: 2)
        batch.add(OutboundMessage(bytes: [20]), to: second)
        batch.add(shared: OutboundMessage(sharing: [11], compression: .none), to: members, excluding: 1)
        batch.add(OutboundMessage(bytes: [21]), to: first)
        batch.submit()
        loop.run()
        #expect(try Self.sent(firstChannel) == [[10], [21]])
        #expect(try Self.sent(secondChannel) == [[20], [11]])
    }

    @Test func theRegistryKeepsEachGroupsMembersByEventLoop() throws {
        let loops = (0..<3).map { _ in EmbeddedEventLoop() }
        var registry = SubscriberRegistry()
        var connected: [UInt64: ClientSession] = [:]
        var generator = SystemRandomNumberGenerator()
        let queries = try SQLQuery.parse("SELECT * FROM message")
        for step in 0..<400 {
            let id = UInt64.random(in: 1...40, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let (session, _) = try Self.session(id: id, on: loops[Int(id) % loops.count])
                registry.add(session)
                connected[id] = session
            case 1:
                registry.remove(id: id)
                connected[id] = nil
            case 2 where connected[id] != nil:
                var subscriptions = ClientSubscriptions()
                _ = try subscriptions.subscribeV2(id: 1, queries: queries)
                registry[id] = subscriptions
            default:
                registry[id] = connected[id] == nil ? nil : ClientSubscriptions()
            }
            // Each group's members are exactly the sessions in its per-loop lists, each on its own loop.
            var seen: Set<UInt64> = []
            for group in registry.groups.values {
                #expect(!group.loops.contains { $0.sessions.isEmpty }, "step \(step)")
                for part in group.loops {
                    for session in part.sessions {
                        #expect(session.channel.eventLoop === part.loop)
                        #expect(group.members[session.id] === session)
                        #expect(seen.insert(session.id).inserted, "step \(step): \(session.id) listed twice")
                    }
                }
                #expect(group.loops.map(\.sessions.count).reduce(0, +) == group.members.count)
            }
            #expect(seen == Set(connected.keys), "step \(step)")
        }
    }

    @Test func aClientWhoseChannelStopsBeingWritableIsDropped() throws {
        let loop = EmbeddedEventLoop()
        let (session, channel) = try Self.session(id: 1, on: loop)
        var registry = SubscriberRegistry()
        registry.add(session)
        let members = try #require(registry.groups.values.first).loops
        // NIO reports a channel unwritable once more than its high-water mark waits for the socket.
        channel.isWritable = false
        var batch = DeliveryBatch()
        batch.add(shared: OutboundMessage(sharing: [1], compression: .none), to: members, excluding: nil)
        batch.submit()
        loop.run()
        #expect(!channel.isActive)
    }

    @Test func theBudgetIsTheChannelsHighWaterMark() throws {
        let loop = EmbeddedEventLoop()
        let (session, channel) = try Self.session(id: 1, on: loop, maxPendingBytes: 300_000)
        try session.configureBudget()
        let mark = try #require(channel.syncOptions).getOption(.writeBufferWaterMark)
        #expect(mark.high == 300_000)
        #expect(mark.low == 150_000)
    }
}
