import ChatHost
import Foundation
import Logging
import QuickstartChat
import SpacetimeDB
import Testing

/// A host on 127.0.0.1 with an ephemeral port and a temporary data directory.
struct HostFixture {
    let host: ChatHost
    let directory: TemporaryDirectory

    var port: Int { host.port }

    static func start(
        directory: TemporaryDirectory? = nil, configure: (inout ChatHostConfiguration) -> Void = { _ in }
    ) async throws -> HostFixture {
        let directory = try directory ?? TemporaryDirectory("chathost")
        var logger = Logger(label: "chathost-test")
        logger.logLevel = .critical
        var configuration = ChatHostConfiguration(dataDirectory: directory.url, port: 0, logger: logger)
        // A test client writes its request after an `await`, and with every suite running at once on a
        // loaded 2-core machine that resumption can wait long: three upgrade tests were once closed by
        // the host together, as the 10 s default would. Tests of the timeout itself set their own.
        configuration.httpRequestTimeout = .seconds(60)
        // Likewise a test's next frame: every suite's tests start at once, and a resumption can queue
        // behind them for half a minute on a loaded machine (2 CPU hogs beside a full run: protocol
        // tests closed as idle at the 30 s default). Tests of the idle cut set their own.
        configuration.idleTimeout = .seconds(120)
        configure(&configuration)
        return HostFixture(host: try await ChatHost.start(configuration), directory: directory)
    }

    func stop(removeData: Bool = true) async {
        await host.shutdown()
        if removeData { directory.remove() }
    }

    /// Opens a WebSocket that must be accepted.
    func connect(
        protocols: [String] = ["v1.bsatn.spacetimedb"], query: String = "compression=None",
        headers: [(String, String)] = []
    ) async throws -> TestWebSocketClient {
        let (response, client) = try await TestWebSocketClient.connect(
            port: port, path: "/v1/database/quickstart-chat/subscribe?\(query)", protocols: protocols, headers: headers)
        return try #require(client, "upgrade refused: \(response.status) \(response.text)")
    }

    /// Connects a v1 client and reads its `IdentityToken`.
    func connectV1(query: String = "compression=None", headers: [(String, String)] = []) async throws -> (
        TestWebSocketClient, V1.IdentityToken
    ) {
        let client = try await connect(protocols: ["v1.bsatn.spacetimedb"], query: query, headers: headers)
        guard case .identityToken(let token) = try await client.nextV1() else {
            throw TestSocketError.malformed("first v1 message was not IdentityToken")
        }
        return (client, token)
    }

    /// Connects a v2 (or v3) client and reads its `InitialConnection`.
    func connectV2(protocols: [String] = ["v2.bsatn.spacetimedb"], query: String = "compression=None") async throws -> (
        TestWebSocketClient, V2.InitialConnection
    ) {
        let client = try await connect(protocols: protocols, query: query)
        guard case .initialConnection(let initial) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("first v2 message was not InitialConnection")
        }
        return (client, initial)
    }
}

extension TestWebSocketClient {
    func sendV1(_ message: V1.ClientMessage) async throws { try await sendBinary(message.bsatnBytes()) }
    func sendV2(_ message: V2.ClientMessage) async throws { try await sendBinary(message.bsatnBytes()) }

    /// v2 `CallReducer` of `send_message(text)`, without waiting for its result.
    func sendMessageV2(_ text: String, requestId: UInt32) async throws {
        try await sendV2(
            .callReducer(
                V2.CallReducer(requestId: requestId, flags: 0, reducer: "send_message", args: SendMessageArgs(text: text).bsatnBytes())))
    }

    /// v1 `CallReducer` with BSATN args.
    func callV1(_ reducer: String, _ args: some BSATNEncodable, requestId: UInt32, flags: V1.CallReducerFlags = .fullUpdate)
        async throws
    {
        try await sendV1(.callReducer(V1.CallReducer(reducer: reducer, args: args.bsatnBytes(), requestId: requestId, flags: flags)))
    }

    /// Reads v1 messages until a `TransactionUpdate` arrives.
    func nextV1TransactionUpdate() async throws -> V1.TransactionUpdate {
        while true {
            if case .transactionUpdate(let update) = try await nextV1() { return update }
        }
    }
}

extension V1.DatabaseUpdate {
    /// Every row of `table` in this update, decoded, as (deletes, inserts) over all its query updates.
    func rows<Row: BSATNDecodable>(of table: String, as _: Row.Type) throws -> (deletes: [Row], inserts: [Row]) {
        var deletes: [Row] = []
        var inserts: [Row] = []
        for tableUpdate in tables where tableUpdate.tableName == table {
            for update in tableUpdate.updates {
                guard case .uncompressed(let query) = update else { throw TestSocketError.malformed("compressed update") }
                deletes += try query.deletes.decodeRows(as: Row.self)
                inserts += try query.inserts.decodeRows(as: Row.self)
            }
        }
        return (deletes, inserts)
    }
}
