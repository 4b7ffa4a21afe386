import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOWebSocket
import Testing

@testable import ChatHost

/// ``ClientSession`` writes data frames straight to its socket while NIO holds nothing for it, and
/// through NIO otherwise: on a real TCP connection whose buffers are small and whose reader is slow,
/// every frame and every ping must still arrive whole and in the order it was queued.
@Suite struct DirectWriteTests {
    /// A session on a real NIO channel over a loopback TCP connection, and the connection's other end.
    struct Connection {
        let group: MultiThreadedEventLoopGroup
        let channel: any Channel
        let session: ClientSession
        let peer: TestSocket

        var loop: any EventLoop { channel.eventLoop }

        static func open() async throws -> Connection {
            let listener = try ListeningSocket(
                host: "127.0.0.1", port: 0, backlog: 4, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            let accepted = AsyncStream<CInt>.makeStream()
            listener.start { accepted.continuation.yield($0) }
            let peer = try await TestSocket.connect(port: listener.port)
            var iterator = accepted.stream.makeAsyncIterator()
            let descriptor = try #require(await iterator.next())
            listener.stop()
            // Small buffers on both sides: the socket fills after a few frames.
            var size: CInt = 4096
            setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<CInt>.size))
            setsockopt(peer.descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<CInt>.size))

            let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let channel = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
                    }
                }
                .withConnectedSocket(descriptor).get()
            // A session is made on its channel's loop, as the host's pipeline does.
            let session = try await channel.eventLoop.submit {
                let session = ClientSession(
                    id: 1, identity: .zero, connectionId: .zero, token: "", webSocketProtocol: .v2, compression: .none,
                    light: false, maxPendingBytes: 64 << 20, channel: channel, descriptor: descriptor,
                    logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
                try session.configureBudget()
                return session
            }.get()
            return Connection(group: group, channel: channel, session: session, peer: peer)
        }

        /// Queues one message and waits until the loop has flushed it (its own flush).
        func send(_ payload: [UInt8]) async throws {
            session.send([payload])
            // `send` queues a task that schedules the flush after it: two rounds and it has run.
            try await loop.submit {}.get()
            try await loop.submit {}.get()
        }

        func counts() async throws -> (direct: Int, throughNIO: Int) {
            try await loop.submit { session.dataFrameCounts() }.get()
        }

        func close() async {
            peer.close()
            try? await channel.close()
            try? await group.shutdownGracefully()
        }
    }

    /// One frame read at the peer: a data frame's message (envelope tag removed) or a ping's body.
    enum Received: Equatable {
        case data([UInt8])
        case ping([UInt8])
    }

    static func readFrame(_ peer: TestSocket) async throws -> Received {
        let header = try await peer.read(exactly: 2)
        var length = Int(header[1] & 0x7F)
        if length == 126 {
            let extended = try await peer.read(exactly: 2)
            length = Int(extended[0]) << 8 | Int(extended[1])
        }
        let payload = try await peer.read(exactly: length)
        switch header[0] {
        case 0x82:
            try #require(payload.first == 0, "envelope tag")
            return .data(Array(payload.dropFirst()))
        case 0x89:
            return .ping(payload)
        default:
            throw TestSocketError.malformed("unexpected frame header \(header)")
        }
    }

    /// Message `index`: its number, then filler that depends on it (a frame spliced into another
    /// shows up as a wrong number or wrong filler).
    static func message(_ index: Int) -> [UInt8] {
        let number = UInt32(index)
        return [UInt8(number >> 24), UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF)]
            + [UInt8](repeating: UInt8(index % 251), count: 896)
    }

    @Test func framesKeepTheirOrderThroughAFullSocketAndASlowReader() async throws {
        let connection = try await Connection.open()

        // The first data frame goes through NIO (it may not overtake the upgrade response); once it
        // is out, the next goes straight to the socket.
        try await connection.send(Self.message(0))
        #expect(try await Self.readFrame(connection.peer) == .data(Self.message(0)))
        try await connection.send(Self.message(1))
        #expect(try await Self.readFrame(connection.peer) == .data(Self.message(1)))
        #expect(try await connection.counts() == (direct: 1, throughNIO: 1))

        // A burst far larger than both buffers, each message its own flush, a ping after every
        // hundredth, read by a reader that takes a thread per read.
        let total = 400
        let reader = Task {
            var received: [Received] = []
            while received.count < total - 2 + (total - 2) / 100 {
                received.append(try await Self.readFrame(connection.peer))
            }
            return received
        }
        var expected: [Received] = []
        for index in 2..<total {
            try await connection.send(Self.message(index))
            expected.append(.data(Self.message(index)))
            if index % 100 == 0 {
                let body: [UInt8] = [UInt8(index / 100)]
                connection.loop.execute { connection.session.sendControl(.ping, data: ByteBuffer(bytes: body)) }
                expected.append(.ping(body))
            }
        }
        let received = try await reader.value
        #expect(received.count == expected.count)
        let firstDifference = zip(received, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "first frame out of place: \(firstDifference.map { "\($0)" } ?? "none")")
        let burst = try await connection.counts()
        #expect(burst.throughNIO > 1, "the socket filled, and NIO took the rest")
        #expect(burst.direct > 1)

        // Everything is read, so NIO holds nothing: the next frame goes straight to the socket again.
        try await connection.send(Self.message(total))
        #expect(try await Self.readFrame(connection.peer) == .data(Self.message(total)))
        #expect(try await connection.counts() == (direct: burst.direct + 1, throughNIO: burst.throughNIO))
        await connection.close()
    }
}
