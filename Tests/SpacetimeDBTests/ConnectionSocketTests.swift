import Foundation
import NIOCore
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// The SDK over real sockets against ``TransportTestServer``: protocol selection, refused upgrades,
/// keep-alive and large fragmented messages.
@Suite(.timeLimit(.minutes(1))) struct ConnectionSocketTests {
    typealias F = SDKFixtures

    /// Builds, runs threaded and returns a connection to `server`, logging lifecycle callbacks.
    func connect(
        _ server: TransportTestServer, log: CallbackLog, token: String? = "secret-token",
        options: TransportOptions = TransportOptions()
    ) throws -> DbConnection {
        let conn = try DbConnection.builder()
            .withUri(server.uri).withDatabaseName("quickstart-chat").withToken(token)
            .withCompression(.gzip)
            .withTransport(NIOWebSocketConnector(options: options))
            .onConnect { conn, _, token in log.add("connect \(conn.protocolVersion?.rawValue ?? "?") \(token)") }
            .onConnectError { _, error in log.add("connect error \(error)") }
            .onDisconnect { _, error in log.add("disconnect \(error.map { "\($0)" } ?? "nil")") }
            .build()
        conn.runThreaded()
        return conn
    }

    @Test func v1OnlyServerGetsV1() async throws {
        let server = try await TransportTestServer.start(.init(protocols: ["v1.bsatn.spacetimedb"]) { socket in
            socket.send(F.v1Identity(token: "secret-token"))
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log)
        try await waitUntil("connect") { log.all.contains("connect v1.bsatn.spacetimedb secret-token") }
        #expect(conn.identity == F.me)
        let request = try #require(server.request)
        #expect(request.uri == "/v1/database/quickstart-chat/subscribe?compression=Gzip")
        #expect(request.headers["authorization"] == "Bearer secret-token")
        #expect(request.headers["sec-websocket-protocol"] == "v3.bsatn.spacetimedb, v2.bsatn.spacetimedb, v1.bsatn.spacetimedb")
        conn.reducers.sendMessage(text: "Hello")
        try await waitUntil("the reducer call") { !server.binaryMessages.isEmpty }
        let call = try V1.ClientMessage(bsatnBytes: try #require(server.binaryMessages.first))
        #expect(call == .callReducer(V1.CallReducer(
            reducer: "send_message", args: SendMessageArgs(text: "Hello").bsatnBytes(), requestId: 1, flags: .fullUpdate)))
        conn.disconnect()
        try await waitUntil("disconnect") { log.all.last == "disconnect nil" }
        try await waitUntil("the close frame") { server.log.contains(.close(1000)) }
    }

    @Test func v2ServerGetsV2() async throws {
        let server = try await TransportTestServer.start(.init(protocols: ["v2.bsatn.spacetimedb", "v1.bsatn.spacetimedb"]) { socket in
            socket.send(F.v2(F.v2Identity()))
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log)
        try await waitUntil("connect") { log.all.contains("connect v2.bsatn.spacetimedb tok") }
        conn.subscriptionBuilder().subscribe("SELECT * FROM user")
        try await waitUntil("the subscribe") { !server.binaryMessages.isEmpty }
        let subscribe = try V2.ClientMessage(bsatnBytes: try #require(server.binaryMessages.first))
        #expect(subscribe == .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM user"])))
        conn.disconnect()
    }

    @Test func v3ServerGetsV3AndBatchedFrames() async throws {
        let server = try await TransportTestServer.start(.init(
            protocols: ["v3.bsatn.spacetimedb", "v2.bsatn.spacetimedb", "v1.bsatn.spacetimedb"]
        ) { socket in
            socket.send(V3.encodeServerFrame([
                F.v2Identity(), F.v2Applied(querySetId: 1, [("user", F.rows([F.user(F.me, "A")]))]),
            ], requested: .gzip))
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log)
        conn.subscriptionBuilder().onApplied { ctx in log.add("applied \(ctx.db.user.count)") }.subscribe("SELECT * FROM user")
        try await waitUntil("applied") { log.all.contains("applied 1") }
        #expect(log.all.first == "connect v3.bsatn.spacetimedb tok")
        #expect(conn.protocolVersion == .v3)
        try await waitUntil("the subscribe") { !server.binaryMessages.isEmpty }
        let frame = try #require(server.binaryMessages.first)
        #expect(try V3.decodeClientFrame(frame[...]).count == 1)
        conn.disconnect()
    }

    @Test(arguments: [
        (401, "Authorization failed: token not signed by this instance"), (404, "database not found"),
        (400, "no valid protocol selected"), (503, ""),
    ])
    func refusedUpgradesAreTypedErrorsWithStatusAndBody(code: Int, body: String) async throws {
        let server = try await TransportTestServer.start(.init(refuse: (code, body)))
        defer { Task { await server.shutdown() } }
        let errors = Mutex<[DbConnectionError]>([])
        let conn = try DbConnection.builder().withUri(server.uri).withDatabaseName("quickstart-chat")
            .onConnectError { _, error in errors.withLock { $0.append(error) } }
            .build()
        conn.runThreaded()
        try await waitUntil("the connect error") { !errors.withLock { $0 }.isEmpty }
        let error = try #require(errors.withLock { $0 }.first)
        guard case .httpStatus(let status, _, let text) = error else {
            Issue.record("expected an HTTP status error, got \(error)")
            return
        }
        #expect(status == code)
        #expect(text == body)
        #expect(error.httpStatusCode == code)
        if case .closed(let reason) = conn.status { #expect(reason == error) } else { Issue.record("status \(conn.status)") }
    }

    /// A port nobody listens on: the error says so in the system's words, not as NIO's internal
    /// structures. (Name resolution is checked below without the network: a CI machine's resolver
    /// may answer late or not at all.)
    @Test func connectFailuresAreWordedPlainly() async throws {
        let expected = "could not connect: 127.0.0.1:1: connection refused"
        let errors = Mutex<[DbConnectionError]>([])
        let conn = try DbConnection.builder().withUri("http://127.0.0.1:1").withDatabaseName("quickstart-chat")
            .onConnectError { _, error in errors.withLock { $0.append(error) } }
            .build()
        conn.runThreaded()
        try await waitUntil("the connect error") { !errors.withLock { $0 }.isEmpty }
        let error = try #require(errors.withLock { $0 }.first)
        guard case .connectFailed = error else {
            Issue.record("expected a connect failure, got \(error)")
            return
        }
        #expect("\(error)" == expected)
    }

    @Test func nioConnectErrorsBecomePlainReasons() {
        #expect(ConnectFailureDescription.describe(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == "connection refused")
        #expect(ConnectFailureDescription.describe(IOError(errnoCode: EHOSTUNREACH, reason: "connect")) == "no route to host")
        #expect(ConnectFailureDescription.describe(ChannelError.connectTimeout(.seconds(10))) == "timed out")
    }

    @Test func aWrongAcceptKeyFailsTheHandshake() async throws {
        let server = try await TransportTestServer.start(.init(rawResponse:
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\nSec-WebSocket-Protocol: v1.bsatn.spacetimedb\r\n\r\n"))
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        _ = try connect(server, log: log)
        try await waitUntil("the connect error") { !log.all.isEmpty }
        #expect(log.all.first?.hasPrefix("connect error WebSocket handshake failed") == true)
    }

    @Test func serverPingsAreAnsweredAndSilenceIsProbed() async throws {
        let server = try await TransportTestServer.start(.init { socket in
            socket.send(F.v1Identity())
            socket.ping([1, 2, 3])
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        // 1 s, not less: the server's pong must come back within one idle period, and under
        // ThreadSanitizer on a loaded 2-core machine a 100 ms period was missed (a false disconnect).
        let conn = try connect(server, log: log, options: TransportOptions(idleTimeout: .seconds(1)))
        try await waitUntil("the pong") { server.log.contains(.pong([1, 2, 3])) }
        // The server stays silent: the client pings, the server answers, the connection stays up.
        try await waitUntil("two client pings") { server.log.filter { if case .ping = $0 { true } else { false } }.count >= 2 }
        #expect(conn.isActive)
        #expect(!log.all.contains { $0.hasPrefix("disconnect") })
        conn.disconnect()
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await TransportTestServer.start(.init(answerPings: false) { socket in socket.send(F.v1Identity()) })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log, options: TransportOptions(idleTimeout: .milliseconds(100)))
        try await waitUntil("the timeout") { log.all.last == "disconnect \(DbConnectionError.timedOut)" }
        // The client probed before giving up; the server's own thread may log that ping after the
        // client has already reported the timeout, so wait for it rather than read it at once.
        try await waitUntil("the client's ping at the server") {
            server.log.contains { if case .ping = $0 { true } else { false } }
        }
        #expect(!conn.isActive)
    }

    @Test func serverCloseFramesAreReported() async throws {
        let server = try await TransportTestServer.start(.init { socket in
            socket.send(F.v1Identity())
            socket.close(code: 1001, reason: "module exited")
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        _ = try connect(server, log: log)
        try await waitUntil("the close") { log.all.last?.hasPrefix("disconnect") == true }
        #expect(log.all.last == "disconnect \(DbConnectionError.closedByServer(code: 1001, reason: "module exited"))")
    }

    @Test func largeFragmentedMessagesAreJoined() async throws {
        let messages = (0..<40_000).map { Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: Int64($0)), text: "message number \($0)") }
        let frame = F.v1Applied(queryId: 1, [F.v1Table("message", inserts: F.rows(messages))])
        #expect(frame.count > 2_000_000)
        let server = try await TransportTestServer.start(.init { socket in
            socket.send(F.v1Identity())
            socket.sendFragmented(frame, pieceSize: 64 * 1024)
        })
        defer { Task { await server.shutdown() } }
        let log = CallbackLog()
        let conn = try connect(server, log: log)
        conn.subscriptionBuilder().onApplied { ctx in log.add("applied \(ctx.db.message.count)") }.subscribe("SELECT * FROM message")
        try await waitUntil("applied") { log.all.contains("applied 40000") }
        conn.disconnect()
    }
}
