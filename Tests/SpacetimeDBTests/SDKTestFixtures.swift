import Foundation
import QuickstartChat
import Synchronization
@testable import SpacetimeDB

/// Builders for server frames and rows the SDK tests feed to the client.
enum SDKFixtures {
    static let me = Identity(UInt256(UInt64(0xC200_0000_0000_0001)))
    static let other = Identity(UInt256(UInt64(0xC200_0000_0000_0002)))
    static let myConnection = ConnectionId(0x1111)
    static let otherConnection = ConnectionId(0x2222)

    static func user(_ identity: Identity, _ name: String?, online: Bool = true) -> User {
        User(identity: identity, name: name, online: online)
    }

    static func rows<R: BSATNEncodable>(_ rows: [R]) -> BsatnRowList { BsatnRowList(rows: rows) }

    /// A builder over `connector` that reconnects fast (10–40 ms, jitter fixed by a constant random
    /// source), for the reconnect tests.
    static func reconnectingBuilder(_ connector: InMemoryConnector) -> DbConnectionBuilder {
        DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
            .withReconnect(ReconnectPolicy(initialDelay: .milliseconds(10), maximumDelay: .milliseconds(40), jitter: 0.5))
            .withRandomSource { 0.5 }
    }

    /// A v2 connection over an in-memory transport, subscribed to `message` with `messages` applied.
    static func v2SubscribedToMessages(_ messages: [Message]) throws -> (DbConnection, InMemoryTransport) {
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
            .build()
        guard let transport = connector.latest else { throw FixtureError.noTransport }
        transport.open(.v2)
        transport.deliver(v2(v2Identity()))
        conn.frameTick()
        conn.subscriptionBuilder().subscribe(["SELECT * FROM message"])
        transport.deliver(v2(v2Applied(querySetId: 1, [("message", rows(messages))])))
        conn.frameTick()
        return (conn, transport)
    }

    /// Why a fixture could not be set up.
    enum FixtureError: Error {
        /// Building the connection opened no transport.
        case noTransport
    }

    /// Logs the quickstart tables' row callbacks into `log` as "insert me:A:on (why)", "message text (why)", …
    static func logRowCallbacks(of conn: DbConnection, into log: CallbackLog, updatesAndDeletes: Bool = false) {
        conn.db.user.onInsert { ctx, user in log.add("insert \(user.label) \(SDKProcessingTests.why(ctx))") }
        if updatesAndDeletes {
            conn.db.user.onDelete { ctx, user in log.add("delete \(user.label) \(SDKProcessingTests.why(ctx))") }
            conn.db.user.onUpdate { ctx, old, new in log.add("update \(old.label) -> \(new.label) \(SDKProcessingTests.why(ctx))") }
        }
        conn.db.message.onInsert { ctx, message in log.add("message \(message.text) \(SDKProcessingTests.why(ctx))") }
    }

    // MARK: v1

    static func v1(_ message: V1.ServerMessage, compression: Compression = .none) -> [UInt8] {
        ServerFrameCodec.encode(payload: message.bsatnBytes(), using: compression)
    }

    static func v1Identity(_ identity: Identity = me, connection: ConnectionId = myConnection, token: String = "tok") -> [UInt8] {
        v1(.identityToken(V1.IdentityToken(identity: identity, token: token, connectionId: connection)))
    }

    static func v1Table(_ name: String, inserts: BsatnRowList = .empty, deletes: BsatnRowList = .empty, inner: Compression = .none) -> V1.TableUpdate {
        let query = V1.QueryUpdate(deletes: deletes, inserts: inserts)
        return V1.TableUpdate(tableId: name == "user" ? 4096 : 4097, tableName: name, numRows: 0,
                              updates: [V1.CompressableQueryUpdate(query, compression: inner)])
    }

    static func v1Applied(queryId: UInt32, requestId: UInt32 = 1, _ tables: [V1.TableUpdate]) -> [UInt8] {
        v1(.subscribeMultiApplied(V1.SubscribeMultiApplied(
            requestId: requestId, totalHostExecutionDurationMicros: 10, queryId: QueryId(queryId),
            update: V1.DatabaseUpdate(tables: tables))))
    }

    static func v1Unapplied(queryId: UInt32, _ tables: [V1.TableUpdate]) -> [UInt8] {
        v1(.unsubscribeMultiApplied(V1.UnsubscribeMultiApplied(
            requestId: 9, totalHostExecutionDurationMicros: 10, queryId: QueryId(queryId),
            update: V1.DatabaseUpdate(tables: tables))))
    }

    static func v1Transaction(
        status: V1.UpdateStatus, reducer: String, args: some BSATNEncodable, requestId: UInt32,
        caller: Identity = me, connection: ConnectionId = myConnection
    ) -> [UInt8] {
        v1(.transactionUpdate(V1.TransactionUpdate(
            status: status, timestamp: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381),
            callerIdentity: caller, callerConnectionId: connection,
            reducerCall: V1.ReducerCallInfo(reducerName: reducer, reducerId: 1, args: args.bsatnBytes(), requestId: requestId),
            energyQuantaUsed: EnergyQuanta(5), totalHostExecutionDuration: TimeDuration(microseconds: 40))))
    }

    // MARK: v2

    static func v2(_ message: V2.ServerMessage, compression: Compression = .none) -> [UInt8] {
        ServerFrameCodec.encode(payload: message.bsatnBytes(), using: compression)
    }

    static func v2Identity(_ identity: Identity = me, connection: ConnectionId = myConnection, token: String = "tok") -> V2.ServerMessage {
        .initialConnection(V2.InitialConnection(identity: identity, connectionId: connection, token: token))
    }

    static func v2Applied(querySetId: UInt32, requestId: UInt32 = 1, _ tables: [(String, BsatnRowList)]) -> V2.ServerMessage {
        .subscribeApplied(V2.SubscribeApplied(
            requestId: requestId, querySetId: QuerySetId(querySetId),
            rows: V2.QueryRows(tables: tables.map { V2.SingleTableRows(table: $0.0, rows: $0.1) })))
    }

    static func v2Update(_ name: String, inserts: BsatnRowList = .empty, deletes: BsatnRowList = .empty, querySet: UInt32 = 1) -> V2.TransactionUpdate {
        V2.TransactionUpdate(querySets: [V2.QuerySetUpdate(
            querySetId: QuerySetId(querySet),
            tables: [V2.TableUpdate(tableName: name, rows: [.persistentTable(V2.PersistentTableRows(inserts: inserts, deletes: deletes))])])])
    }
}

/// Records what callbacks saw, in order, from whichever thread ran them.
final class CallbackLog: Sendable {
    private let entries = Mutex<[String]>([])

    func add(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
    func clear() { entries.withLock { $0 = [] } }
}

extension User {
    /// A short label for callback logs.
    var label: String { "\(identity == SDKFixtures.me ? "me" : "other"):\(name ?? "-"):\(online ? "on" : "off")" }
}

/// Why an SDK test gave up waiting.
struct SDKTestTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// Polls `condition` (running `tick` between polls) until it holds, for at most `seconds`.
func waitUntil(_ what: String, seconds: Double = 30, tick: () -> Void = {}, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        tick()
        if condition() { return }
        if Date() > deadline { throw SDKTestTimeout(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}
