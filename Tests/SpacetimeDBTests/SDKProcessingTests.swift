import Foundation
import QuickstartChat
import Testing
@testable import SpacetimeDB

/// The connection's message processing over an in-memory transport, drained with `frameTick()` on
/// the test's thread, so callback order is deterministic.
@Suite struct SDKProcessingTests {
    typealias F = SDKFixtures

    /// A connection with logging callbacks on both tables, opened with `version` and identified.
    func connected(_ version: ProtocolVersion = .v1, log: CallbackLog, light: Bool = false) throws -> (DbConnection, InMemoryTransport, InMemoryConnector) {
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder()
            .withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withLightMode(light)
            .withTransport(connector)
            .onConnect { _, identity, token in log.add("connect \(identity == F.me ? "me" : "?") \(token)") }
            .onDisconnect { _, error in log.add("disconnect \(error.map { "\($0)" } ?? "nil")") }
            .build()
        conn.db.user.onInsert { ctx, user in log.add("insert \(user.label) \(Self.why(ctx))") }
        conn.db.user.onDelete { ctx, user in log.add("delete \(user.label) \(Self.why(ctx))") }
        conn.db.user.onUpdate { ctx, old, new in log.add("update \(old.label) -> \(new.label) \(Self.why(ctx))") }
        conn.db.message.onInsert { ctx, message in log.add("message \(message.text) \(Self.why(ctx))") }
        let transport = try #require(connector.latest)
        transport.open(version)
        transport.deliver(version == .v1 ? F.v1Identity() : F.v2(F.v2Identity()))
        conn.frameTick()
        return (conn, transport, connector)
    }

    static func why(_ ctx: EventContext) -> String {
        switch ctx.event {
        case .subscribeApplied: return "(applied)"
        case .unsubscribeApplied: return "(unapplied)"
        case .reducer(let event): return "(reducer \(event.reducerName) \(event.isOwnCall ? "own" : "other"))"
        case .transaction: return "(transaction)"
        case .reconnected: return "(reconnected)"
        case .subscribeError: return "(error)"
        case .disconnected: return "(disconnected)"
        }
    }

    @Test func connectsAndRequestsURLAsTheRustSDK() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        #expect(log.all == ["connect me tok"])
        #expect(conn.identity == F.me)
        #expect(conn.connectionId == F.myConnection)
        #expect(conn.token == "tok")
        #expect(conn.isActive)
        #expect(conn.protocolVersion == .v1)
        #expect(transport.request.pathAndQuery == "/v1/database/quickstart-chat/subscribe?compression=Brotli")
        #expect(transport.request.protocols == [.v3, .v2, .v1])
    }

    @Test func subscriptionAppliedRunsOnAppliedBeforeInsertsAndFillsTheCache() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        let handle = conn.subscriptionBuilder()
            .onApplied { ctx in log.add("applied users=\(ctx.db.user.count)") }
            .subscribe(["SELECT * FROM user", "SELECT * FROM message"])
        let sent = try transport.sentV1()
        guard case .subscribeMulti(let subscribe) = sent.last else {
            Issue.record("expected SubscribeMulti, got \(sent)")
            return
        }
        #expect(subscribe.queryStrings == ["SELECT * FROM user", "SELECT * FROM message"])
        transport.deliver(F.v1Applied(queryId: subscribe.queryId.id, requestId: subscribe.requestId, [
            F.v1Table("user", inserts: F.rows([F.user(F.me, "A"), F.user(F.other, nil, online: false)])),
            F.v1Table("message", inserts: F.rows([Message(sender: F.me, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: "hi")])),
        ]))
        conn.frameTick()
        #expect(log.all == [
            "applied users=2", "insert me:A:on (applied)", "insert other:-:off (applied)", "message hi (applied)",
        ])
        #expect(handle.isActive)
        #expect(conn.db.user.identity.find(F.other)?.online == false)
        #expect(conn.db.user.identity.find(F.me)?.name == "A")
        #expect(conn.db.message.count == 1)
        #expect(Set(conn.db.user.map(\.identity)) == [F.me, F.other])
    }

    /// Subscribes to both tables with `rows` users and returns the query id.
    func subscribe(_ conn: DbConnection, _ transport: InMemoryTransport, users: [User]) throws -> UInt32 {
        conn.subscriptionBuilder().subscribe(["SELECT * FROM user"])
        guard case .subscribeMulti(let subscribe) = try transport.sentV1().last else { throw SDKTestTimeout(what: "subscribe") }
        transport.deliver(F.v1Applied(queryId: subscribe.queryId.id, [F.v1Table("user", inserts: F.rows(users))]))
        conn.frameTick()
        return subscribe.queryId.id
    }

    @Test func primaryKeyChangeIsAnUpdateAndTheReducerOutcomeComesFirst() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        _ = try subscribe(conn, transport, users: [F.user(F.me, nil)])
        log.clear()
        conn.reducers.onSetName { ctx, name in log.add("onSetName \(name) \(Self.why(ctx))") }
        conn.reducers.setName(name: "A") { _, status in log.add("result \(status)") }
        guard case .callReducer(let call) = try transport.sentV1().last else {
            Issue.record("no CallReducer sent")
            return
        }
        #expect(call.reducer == "set_name")
        #expect(call.args == SetNameArgs(name: "A").bsatnBytes())
        #expect(call.requestId != 0)
        transport.deliver(F.v1Transaction(
            status: .committed(V1.DatabaseUpdate(tables: [F.v1Table("user", inserts: F.rows([F.user(F.me, "A")]), deletes: F.rows([F.user(F.me, nil)]))])),
            reducer: "set_name", args: SetNameArgs(name: "A"), requestId: call.requestId))
        conn.frameTick()
        #expect(log.all == [
            "result committed", "onSetName A (reducer set_name own)", "update me:-:on -> me:A:on (reducer set_name own)",
        ])
        #expect(conn.db.user.count == 1)
        #expect(conn.db.user.identity.find(F.me)?.name == "A")
    }

    @Test func failureWithRequestIdZeroMatchesByReducerNameAndCaller() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        conn.reducers.setName(name: "") { _, status in log.add("setName \(status)") }
        conn.reducers.sendMessage(text: "") { _, status in log.add("sendMessage \(status)") }
        // A 1.x server reports failures with request id 0; another client's failure never reaches us.
        transport.deliver(F.v1Transaction(
            status: .failed("Messages must not be empty"), reducer: "send_message", args: SendMessageArgs(text: ""), requestId: 0))
        conn.frameTick()
        #expect(log.all == ["sendMessage failed: Messages must not be empty"])
        transport.deliver(F.v1Transaction(status: .outOfEnergy, reducer: "set_name", args: SetNameArgs(name: ""), requestId: 0))
        conn.frameTick()
        #expect(log.all.last == "setName out of energy")
    }

    @Test func otherClientsReducersReachReducerCallbacksOnV1() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        conn.reducers.onSendMessage { ctx, text in log.add("onSendMessage \(text) \(Self.why(ctx))") }
        let message = Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 5), text: "yo")
        transport.deliver(F.v1Transaction(
            status: .committed(V1.DatabaseUpdate(tables: [F.v1Table("message", inserts: F.rows([message]))])),
            reducer: "send_message", args: SendMessageArgs(text: "yo"), requestId: 3, caller: F.other, connection: F.otherConnection))
        conn.frameTick()
        #expect(log.all == ["onSendMessage yo (reducer send_message other)", "message yo (reducer send_message other)"])
    }

    @Test func overlappingSubscriptionsAreReferenceCounted() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        let first = try subscribe(conn, transport, users: [F.user(F.me, "A")])
        let second = try subscribe(conn, transport, users: [F.user(F.me, "A"), F.user(F.other, "B")])
        #expect(log.all.filter { $0.hasPrefix("insert") } == ["insert me:A:on (applied)", "insert other:B:on (applied)"])
        log.clear()
        transport.deliver(F.v1Unapplied(queryId: first, [F.v1Table("user", deletes: F.rows([F.user(F.me, "A")]))]))
        conn.frameTick()
        #expect(log.all.isEmpty)
        #expect(conn.db.user.count == 2)
        transport.deliver(F.v1Unapplied(queryId: second, [F.v1Table("user", deletes: F.rows([F.user(F.me, "A"), F.user(F.other, "B")]))]))
        conn.frameTick()
        #expect(log.all == ["delete me:A:on (unapplied)", "delete other:B:on (unapplied)"])
        #expect(conn.db.user.count == 0)
    }

    @Test func deleteAndInsertOfTheSameBytesCancelOut() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        _ = try subscribe(conn, transport, users: [F.user(F.me, "A")])
        log.clear()
        let same = F.rows([F.user(F.me, "A")])
        let fresh = F.rows([F.user(F.other, "B")])
        transport.deliver(F.v1(.transactionUpdateLight(V1.TransactionUpdateLight(
            requestId: 1, update: V1.DatabaseUpdate(tables: [
                F.v1Table("user", inserts: same, deletes: same),
                F.v1Table("user", inserts: fresh, deletes: fresh),
            ])))))
        conn.frameTick()
        #expect(log.all.isEmpty)
        #expect(conn.db.user.count == 1)
    }

    @Test func subscriptionErrorWithQueryIdEndsOnlyThatSubscription() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        let good = conn.subscriptionBuilder().onError { _, error in log.add("good error \(error)") }.subscribe("SELECT * FROM user")
        let bad = conn.subscriptionBuilder().onError { ctx, error in log.add("bad error \(error) \(Self.why(ctx))") }.subscribe("SELECT * FROM nope")
        guard case .subscribeMulti(let badRequest) = try transport.sentV1().last else { return }
        transport.deliver(F.v1(.subscriptionError(V1.SubscriptionError(
            totalHostExecutionDurationMicros: 1, requestId: badRequest.requestId, queryId: badRequest.queryId.id,
            tableId: nil, error: "no such table: nope"))))
        conn.frameTick()
        #expect(log.all == ["bad error no such table: nope (error)"])
        #expect(bad.isEnded)
        #expect(!good.isEnded)
        #expect(conn.isActive)
    }

    @Test func subscriptionErrorWithoutQueryIdDisconnectsThenFailsEverySubscription() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        conn.subscriptionBuilder().onError { _, error in log.add("first \(error)") }.subscribe("SELECT * FROM user")
        conn.subscriptionBuilder().onError { _, error in log.add("second \(error)") }.subscribe("SELECT * FROM message")
        transport.deliver(F.v1(.subscriptionError(V1.SubscriptionError(
            totalHostExecutionDurationMicros: 1, requestId: nil, queryId: nil, tableId: nil, error: "boom"))))
        conn.frameTick()
        #expect(transport.wasClosedByClient)
        #expect(log.all == ["disconnect subscription failed: boom", "first boom", "second boom"])
        #expect(conn.status == .closed(reason: .subscriptionFailed("boom")))
        #expect(!conn.isActive)
    }

    @Test func requestsMadeBeforeTheSocketOpensAreSentOnceItDoes() throws {
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder().withUri("ws://127.0.0.1:1").withDatabaseName("db")
            .withTransport(connector).withCompression(.gzip).withConfirmedReads(true).build()
        defer { conn.disconnect() }  // the call below is never answered (see SDKProcedureTests)
        conn.subscriptionBuilder().subscribe("SELECT * FROM message")
        conn.reducers.sendMessage(text: "early")
        let transport = try #require(connector.latest)
        #expect(transport.sent.isEmpty)
        #expect(transport.request.pathAndQuery == "/v1/database/db/subscribe?compression=Gzip&confirmed=true")
        transport.open(.v2)
        let sent = try transport.sentV2()
        #expect(sent.count == 2)
        guard case .subscribe(let subscribe) = sent.first, case .callReducer(let call) = sent.last else {
            Issue.record("unexpected \(sent)")
            return
        }
        #expect(subscribe.queryStrings == ["SELECT * FROM message"])
        #expect(call.reducer == "send_message")
        #expect(call.args == SendMessageArgs(text: "early").bsatnBytes())
    }

    @Test func v2ReducerResultsGiveTheSameStatusesAsV1() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(.v2, log: log)
        #expect(log.all == ["connect me tok"])
        conn.subscriptionBuilder().subscribe("SELECT * FROM user")
        guard case .subscribe(let subscribe) = try transport.sentV2().last else { return }
        transport.deliver(F.v2(F.v2Applied(querySetId: subscribe.querySetId.id, [("user", F.rows([F.user(F.me, nil)]))])))
        conn.frameTick()
        log.clear()
        conn.reducers.onSetName { ctx, name in log.add("onSetName '\(name)' \(Self.why(ctx))") }
        conn.reducers.setName(name: "") { _, status in log.add("empty \(status)") }
        conn.reducers.setName(name: "A") { _, status in log.add("A \(status)") }
        conn.reducers.sendMessage(text: "x") { _, status in log.add("x \(status)") }
        let calls = try transport.sentV2().compactMap { message -> V2.CallReducer? in
            if case .callReducer(let call) = message { return call }
            return nil
        }
        #expect(calls.count == 3)
        // Err carries the BSATN of the reducer's String error.
        transport.deliver(F.v2(.reducerResult(V2.ReducerResult(
            requestId: calls[0].requestId, timestamp: .unixEpoch, result: .err("Names must not be empty".bsatnBytes())))))
        transport.deliver(F.v2(.reducerResult(V2.ReducerResult(
            requestId: calls[1].requestId, timestamp: .unixEpoch,
            result: .ok(V2.ReducerOk(retValue: [], transactionUpdate: F.v2Update(
                "user", inserts: F.rows([F.user(F.me, "A")]), deletes: F.rows([F.user(F.me, nil)]))))))))
        transport.deliver(F.v2(.reducerResult(V2.ReducerResult(
            requestId: calls[2].requestId, timestamp: .unixEpoch, result: .internalError("no such reducer")))))
        conn.frameTick()
        #expect(log.all == [
            "empty failed: Names must not be empty", "onSetName '' (reducer set_name own)",
            "A committed", "onSetName 'A' (reducer set_name own)", "update me:-:on -> me:A:on (reducer set_name own)",
            "x internal error: no such reducer",
        ])
    }

    @Test func v2TransactionsAreInsertsThenDeletesAndCarryNoReducer() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(.v2, log: log)
        conn.subscriptionBuilder().subscribe("SELECT * FROM user")
        guard case .subscribe(let subscribe) = try transport.sentV2().last else { return }
        transport.deliver(F.v2(F.v2Applied(querySetId: subscribe.querySetId.id, [("user", F.rows([F.user(F.other, "B")]))])))
        conn.frameTick()
        log.clear()
        transport.deliver(F.v2(.transactionUpdate(F.v2Update(
            "user", inserts: F.rows([F.user(F.other, "B", online: false)]), deletes: F.rows([F.user(F.other, "B")])))))
        conn.frameTick()
        #expect(log.all == ["update other:B:on -> other:B:off (transaction)"])
    }

    /// v2 event-table rows fire insert callbacks, one per row even when rows repeat, and never enter
    /// the cache (as the Rust SDK's event tables: `count` stays 0).
    @Test func v2EventTableRowsFireInsertsWithoutBeingCached() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(.v2, log: log)
        conn.subscriptionBuilder().subscribe("SELECT * FROM message")
        guard case .subscribe(let subscribe) = try transport.sentV2().last else { return }
        transport.deliver(F.v2(F.v2Applied(querySetId: subscribe.querySetId.id, [("message", .empty)])))
        conn.frameTick()
        log.clear()
        let ping = Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: 5), text: "ping")
        let update = V2.TransactionUpdate(querySets: [V2.QuerySetUpdate(
            querySetId: subscribe.querySetId,
            tables: [V2.TableUpdate(tableName: "message", rows: [.eventTable(V2.EventTableRows(events: F.rows([ping, ping])))])])])
        transport.deliver(F.v2(.transactionUpdate(update)))
        conn.frameTick()
        #expect(log.all == ["message ping (transaction)", "message ping (transaction)"])
        #expect(conn.db.message.count == 0)
    }

    @Test func v3FramesCarrySeveralMessagesAndMayBeCompressed() throws {
        let log = CallbackLog()
        let connector = InMemoryConnector()
        let conn = try DbConnection.builder().withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
            .onConnect { _, _, _ in log.add("connect") }
            .build()
        conn.db.message.onInsert { ctx, message in log.add("message \(message.text) \(Self.why(ctx))") }
        conn.subscriptionBuilder().onApplied { _ in log.add("applied") }.subscribe("SELECT * FROM message")
        let transport = try #require(connector.latest)
        transport.open(.v3)
        let sent = try transport.sent.flatMap { try V3.decodeClientFrame($0[...]) }
        guard case .subscribe(let subscribe) = sent.first else {
            Issue.record("expected a v3 Subscribe, got \(sent)")
            return
        }
        let messages = (0..<50).map { Message(sender: F.other, sent: Timestamp(microsecondsSinceUnixEpoch: Int64($0)), text: "m\($0)") }
        transport.deliver(V3.encodeServerFrame([
            F.v2Identity(),
            F.v2Applied(querySetId: subscribe.querySetId.id, [("message", F.rows(Array(messages[0..<49])))]),
            .transactionUpdate(F.v2Update("message", inserts: F.rows([messages[49]]))),
        ], requested: .brotli))
        conn.frameTick()
        #expect(log.all.first == "connect")
        #expect(log.all[1] == "applied")
        #expect(log.all.count == 2 + 50)
        #expect(log.all.last == "message m49 (transaction)")
        #expect(conn.db.message.count == 50)
    }

    @Test func innerCompressedQueryUpdatesAndGzipEnvelopesAreDecoded() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        conn.subscriptionBuilder().subscribe("SELECT * FROM user")
        guard case .subscribeMulti(let subscribe) = try transport.sentV1().last else { return }
        let users = (0..<40).map { F.user(Identity(UInt256(UInt64($0 + 10))), "user \($0)") }
        transport.deliver(F.v1(.subscribeMultiApplied(V1.SubscribeMultiApplied(
            requestId: 1, totalHostExecutionDurationMicros: 1, queryId: subscribe.queryId,
            update: V1.DatabaseUpdate(tables: [
                F.v1Table("user", inserts: F.rows(Array(users[0..<20])), inner: .brotli),
                F.v1Table("user", inserts: F.rows(Array(users[20...])), inner: .gzip),
            ]))), compression: .gzip))
        conn.frameTick()
        #expect(conn.db.user.count == 40)
        #expect(conn.db.user.identity.find(Identity(UInt256(UInt64(49))))?.name == "user 39")
    }

    @Test func oneOffQueriesAnswerOnBothProtocols() async throws {
        for version in [ProtocolVersion.v1, .v2] {
            let log = CallbackLog()
            let (conn, transport, _) = try connected(version, log: log)
            conn.oneOffQuery("SELECT * FROM user") { result in
                switch result {
                case .success(let rows): log.add("rows \((try? rows.rows(of: "user", as: User.self))?.map(\.label) ?? [])")
                case .failure(let error): log.add("error \(error)")
                }
            }
            conn.oneOffQuery("SELECT nonsense") { result in
                if case .failure(let error) = result { log.add("error \(error)") }
            }
            let sent = transport.sent.suffix(2)
            let ids: [UInt32]
            if version == .v1 {
                ids = try sent.map {
                    guard case .oneOffQuery(let query) = try V1.ClientMessage(bsatnBytes: $0) else { return 0 }
                    return try UInt32(bsatnBytes: query.messageId)
                }
                transport.deliver(F.v1(.oneOffQueryResponse(V1.OneOffQueryResponse(
                    messageId: ids[0].bsatnBytes(), error: nil,
                    tables: [V1.OneOffTable(tableName: "user", rows: F.rows([F.user(F.me, "A")]))],
                    totalHostExecutionDuration: TimeDuration(microseconds: 1)))))
                transport.deliver(F.v1(.oneOffQueryResponse(V1.OneOffQueryResponse(
                    messageId: ids[1].bsatnBytes(), error: "bad query", tables: [], totalHostExecutionDuration: TimeDuration(microseconds: 1)))))
            } else {
                ids = try sent.map {
                    guard case .oneOffQuery(let query) = try V2.ClientMessage(bsatnBytes: $0) else { return 0 }
                    return query.requestId
                }
                transport.deliver(F.v2(.oneOffQueryResult(V2.OneOffQueryResult(
                    requestId: ids[0], result: .ok(V2.QueryRows(tables: [V2.SingleTableRows(table: "user", rows: F.rows([F.user(F.me, "A")]))]))))))
                transport.deliver(F.v2(.oneOffQueryResult(V2.OneOffQueryResult(requestId: ids[1], result: .err("bad query")))))
            }
            conn.frameTick()
            #expect(log.all.suffix(2) == ["rows [\"me:A:on\"]", "error query failed: bad query"], "\(version)")
        }
    }

    @Test func disconnectReportsANilErrorAndFailsPendingCalls() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        log.clear()
        conn.reducers.sendMessage(text: "lost") { ctx, status in log.add("call \(status) \(Self.why(ctx))") }
        conn.disconnect()
        conn.frameTick()
        #expect(transport.wasClosedByClient)
        #expect(log.all == ["disconnect nil", "call internal error: the connection dropped before the server answered (disconnected)"])
        #expect(conn.status == .closed(reason: nil))
        conn.reducers.sendMessage(text: "after") { _, status in log.add("late \(status)") }
        conn.frameTick()
        #expect(log.all.last == "late internal error: the connection is closed")
    }

    @Test func undecodableFramesCloseTheConnectionWithAProtocolError() throws {
        let log = CallbackLog()
        let (conn, transport, _) = try connected(log: log)
        transport.deliver([0, 99])
        conn.frameTick()
        #expect(transport.wasClosedByClient)
        guard case .closed(let reason?) = conn.status, case .protocolViolation = reason else {
            Issue.record("unexpected status \(conn.status)")
            return
        }
    }
}
