import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import Testing
@testable import SpacetimeDB

/// Issue 9's starved chaos client: after a host restart, the reducer call waiting in the outbox went
/// out the moment the WebSocket opened, was counted as sent on that connection, and never reached
/// the socket (the host received the upgrade and the subscribe, nothing else), so it was never answered.
///
/// The transport learned its channel only from the connect future's callback, which the thread that
/// called `connect` queues on the event loop; when that thread was descheduled before registering it,
/// the upgrade completed first and a send found no channel. These tests build the connector's
/// pipeline on a channel of their own and never run that callback, which is that interleaving.
@Suite(.timeLimit(.minutes(1))) struct TransportOpenOrderTests {
    /// Opens a WebSocket to `server` through the connector's pipeline without ever calling
    /// ``NIOWebSocketTransport/attach(_:)``; returns the transport once `.opened` was reported.
    func openWithoutConnectCallback(
        to server: TransportTestServer
    ) async throws -> (transport: NIOWebSocketTransport, channel: any Channel) {
        let opened = Mutex(false)
        let sink = TransportEventSink { event in
            if case .opened = event { opened.withLock { $0 = true } }
        }
        let transport = NIOWebSocketTransport(sink: sink)
        let request = try ConnectRequest.subscribe(
            uri: server.uri, databaseName: "quickstart-chat", token: nil, compression: .none, protocols: [.v1])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOWebSocketConnector.configure(
                        channel: channel, request: request, options: TransportOptions(), tlsContext: nil,
                        sink: sink, transport: transport, logger: Logger(label: "transport-open-order-test"))
                }
            }
            .connect(host: "127.0.0.1", port: server.port).get()
        try await waitUntil("the WebSocket opened") { opened.withLock { $0 } }
        return (transport, channel)
    }

    @Test func aMessageSentOnceOpenedReachesTheServerBeforeTheConnectCallbackRan() async throws {
        let server = try await TransportTestServer.start(.init())
        defer { Task { await server.shutdown() } }
        let (transport, channel) = try await openWithoutConnectCallback(to: server)
        defer { channel.close(promise: nil) }
        transport.send([1, 2, 3])
        try await waitUntil("the server received the message (it has \(server.binaryMessages))") {
            server.binaryMessages == [[1, 2, 3]]
        }
    }

    @Test func aCloseOnceOpenedClosesTheChannelBeforeTheConnectCallbackRan() async throws {
        let server = try await TransportTestServer.start(.init())
        defer { Task { await server.shutdown() } }
        let (transport, channel) = try await openWithoutConnectCallback(to: server)
        defer { channel.close(promise: nil) }
        // The response timeout's way out (`transport.close()`) must reach the channel as well.
        transport.close()
        try await waitUntil("the channel closed") { !channel.isActive }
    }
}
