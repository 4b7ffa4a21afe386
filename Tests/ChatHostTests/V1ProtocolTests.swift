import ChatHost
import QuickstartChat
import SpacetimeDB
import Testing

@Suite struct V1ProtocolTests {
    static let bothTables = ["SELECT * FROM user", "SELECT * FROM message"]

    func subscribeMulti(_ client: TestWebSocketClient, requestId: UInt32 = 1, queryId: UInt32 = 1) async throws
        -> V1.SubscribeMultiApplied
    {
        try await client.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: V1ProtocolTests.bothTables, requestId: requestId, queryId: QueryId(queryId))))
        guard case .subscribeMultiApplied(let applied) = try await client.nextV1() else {
            throw TestSocketError.malformed("expected SubscribeMultiApplied")
        }
        return applied
    }

    @Test func twoClientsSeeEachOthersConnectsRenamesAndMessages() async throws {
        let fixture = try await HostFixture.start()
        let (alice, aliceToken) = try await fixture.connectV1()
        let applied = try await subscribeMulti(alice)
        #expect(applied.requestId == 1 && applied.queryId.id == 1)
        #expect(try applied.update.rows(of: "user", as: User.self).inserts == [User(identity: aliceToken.identity, name: nil, online: true)])

        let (bob, bobToken) = try await fixture.connectV1()
        // Alice hears bob's identity_connected, with bob as the caller.
        let connected = try await alice.nextV1TransactionUpdate()
        #expect(connected.reducerCall.reducerName == "identity_connected")
        #expect(connected.callerIdentity == bobToken.identity)
        #expect(connected.callerConnectionId == bobToken.connectionId)
        guard case .committed(let connectUpdate) = connected.status else { throw TestSocketError.malformed("status") }
        #expect(try connectUpdate.rows(of: "user", as: User.self).inserts == [User(identity: bobToken.identity, name: nil, online: true)])

        // Bob renames himself: bob (not subscribed) still hears his full outcome; alice sees delete+insert.
        try await bob.callV1("set_name", SetNameArgs(name: "Bob"), requestId: 42)
        let bobsOwn = try await bob.nextV1TransactionUpdate()
        #expect(bobsOwn.reducerCall.reducerName == "set_name")
        #expect(bobsOwn.reducerCall.requestId == 42)
        #expect(bobsOwn.reducerCall.reducerId == 4)
        #expect(bobsOwn.status == .committed(V1.DatabaseUpdate(tables: [])))
        let renamed = try await alice.nextV1TransactionUpdate()
        guard case .committed(let renameUpdate) = renamed.status else { throw TestSocketError.malformed("status") }
        let userRows = try renameUpdate.rows(of: "user", as: User.self)
        #expect(userRows.deletes == [User(identity: bobToken.identity, name: nil, online: true)])
        #expect(userRows.inserts == [User(identity: bobToken.identity, name: "Bob", online: true)])
        #expect(renamed.reducerCall.requestId == 42)
        #expect(renamed.reducerCall.args == SetNameArgs(name: "Bob").bsatnBytes())

        try await bob.callV1("send_message", SendMessageArgs(text: "Hello, Alice!"), requestId: 43)
        let message = try await alice.nextV1TransactionUpdate()
        guard case .committed(let messageUpdate) = message.status else { throw TestSocketError.malformed("status") }
        let inserted = try messageUpdate.rows(of: "message", as: Message.self).inserts
        #expect(inserted.map(\.text) == ["Hello, Alice!"])
        #expect(inserted.first?.sender == bobToken.identity)
        #expect(inserted.first?.sent == message.timestamp)

        bob.close()
        let disconnected = try await alice.nextV1TransactionUpdate()
        #expect(disconnected.reducerCall.reducerName == "identity_disconnected")
        guard case .committed(let goneUpdate) = disconnected.status else { throw TestSocketError.malformed("status") }
        #expect(try goneUpdate.rows(of: "user", as: User.self).inserts == [User(identity: bobToken.identity, name: "Bob", online: false)])
        alice.close()
        await fixture.stop()
    }

    @Test func failuresReachOnlyTheCallerWithItsRequestId() async throws {
        let fixture = try await HostFixture.start()
        let (alice, _) = try await fixture.connectV1()
        _ = try await subscribeMulti(alice)
        let (bob, bobToken) = try await fixture.connectV1()
        _ = try await alice.nextV1TransactionUpdate()  // bob connected

        try await bob.callV1("set_name", SetNameArgs(name: ""), requestId: 7)
        let failed = try await bob.nextV1TransactionUpdate()
        #expect(failed.status == .failed("Names must not be empty"))
        #expect(failed.reducerCall.requestId == 7)
        #expect(failed.callerIdentity == bobToken.identity)

        try await bob.sendV1(.callReducer(V1.CallReducer(reducer: "no_such", args: [], requestId: 8, flags: .fullUpdate)))
        let unknown = try await bob.nextV1TransactionUpdate()
        #expect(unknown.status == .failed("no such reducer"))
        #expect(unknown.reducerCall.reducerId == UInt32.max)

        try await bob.sendV1(.callReducer(V1.CallReducer(reducer: "identity_connected", args: [], requestId: 9, flags: .fullUpdate)))
        #expect(try await bob.nextV1TransactionUpdate().status == .failed("can't directly call special OnConnect lifecycle reducer"))

        try await bob.sendV1(.callReducer(V1.CallReducer(reducer: "send_message", args: [1, 2], requestId: 10, flags: .fullUpdate)))
        guard case .failed(let text) = try await bob.nextV1TransactionUpdate().status else {
            throw TestSocketError.malformed("expected a failure")
        }
        #expect(text.hasPrefix("invalid arguments for reducer send_message: "))

        // The next thing alice hears is bob's successful message, not any of the failures.
        try await bob.callV1("send_message", SendMessageArgs(text: "after failures"), requestId: 11)
        let next = try await alice.nextV1TransactionUpdate()
        #expect(next.reducerCall.reducerName == "send_message")
        #expect(next.reducerCall.requestId == 11)
        alice.close()
        bob.close()
        await fixture.stop()
    }

    @Test func noSuccessNotifyTreatsTheCallerAsAnyoneElse() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV1(query: "compression=None&light=true")
        try await client.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: ["SELECT * FROM message"], requestId: 1, queryId: QueryId(1))))
        _ = try await client.nextV1()
        // A failure reaches nobody; a success arrives as to any light subscriber.
        try await client.callV1("send_message", SendMessageArgs(text: ""), requestId: 2, flags: .noSuccessNotify)
        try await client.callV1("send_message", SendMessageArgs(text: "quiet"), requestId: 3, flags: .noSuccessNotify)
        guard case .transactionUpdateLight(let light) = try await client.nextV1() else {
            throw TestSocketError.malformed("expected TransactionUpdateLight")
        }
        #expect(light.requestId == 3)
        #expect(try light.update.rows(of: "message", as: Message.self).inserts.map(\.text) == ["quiet"])
        client.close()
        await fixture.stop()
    }

    @Test func lightClientsGetTransactionUpdateLightForOthersCalls() async throws {
        let fixture = try await HostFixture.start()
        let (light, _) = try await fixture.connectV1(query: "compression=None&light=true")
        _ = try await subscribeMulti(light)
        let (bob, _) = try await fixture.connectV1()
        guard case .transactionUpdateLight(let connected) = try await light.nextV1() else {
            throw TestSocketError.malformed("expected TransactionUpdateLight")
        }
        #expect(connected.requestId == 0)
        try await bob.callV1("send_message", SendMessageArgs(text: "hi"), requestId: 77)
        guard case .transactionUpdateLight(let update) = try await light.nextV1() else {
            throw TestSocketError.malformed("expected TransactionUpdateLight")
        }
        #expect(update.requestId == 77)
        #expect(try update.update.rows(of: "message", as: Message.self).inserts.map(\.text) == ["hi"])
        // Its own calls still get the full update.
        try await light.callV1("send_message", SendMessageArgs(text: "mine"), requestId: 78)
        let own = try await light.nextV1TransactionUpdate()
        #expect(own.reducerCall.requestId == 78)
        light.close()
        bob.close()
        await fixture.stop()
    }

    @Test func unsubscribeReturnsTheRowsAndStopsUpdates() async throws {
        let fixture = try await HostFixture.start()
        let (alice, aliceToken) = try await fixture.connectV1()
        try await alice.callV1("send_message", SendMessageArgs(text: "before"), requestId: 1)
        _ = try await alice.nextV1TransactionUpdate()
        let applied = try await subscribeMulti(alice, requestId: 2, queryId: 5)
        #expect(try applied.update.rows(of: "message", as: Message.self).inserts.map(\.text) == ["before"])

        try await alice.sendV1(.unsubscribeMulti(V1.UnsubscribeMulti(requestId: 3, queryId: QueryId(5))))
        guard case .unsubscribeMultiApplied(let dropped) = try await alice.nextV1() else {
            throw TestSocketError.malformed("expected UnsubscribeMultiApplied")
        }
        #expect(dropped.requestId == 3 && dropped.queryId.id == 5)
        #expect(try dropped.update.rows(of: "message", as: Message.self).deletes.map(\.text) == ["before"])
        #expect(try dropped.update.rows(of: "user", as: User.self).deletes.map(\.identity) == [aliceToken.identity])

        // Unsubscribed: another client's message does not arrive; alice's own call is the next thing she hears.
        let (bob, _) = try await fixture.connectV1()
        try await bob.callV1("send_message", SendMessageArgs(text: "unseen"), requestId: 1)
        _ = try await bob.nextV1TransactionUpdate()
        try await alice.callV1("send_message", SendMessageArgs(text: "own"), requestId: 9)
        let next = try await alice.nextV1TransactionUpdate()
        #expect(next.reducerCall.requestId == 9)
        #expect(next.status == .committed(V1.DatabaseUpdate(tables: [])))

        try await alice.sendV1(.unsubscribeMulti(V1.UnsubscribeMulti(requestId: 4, queryId: QueryId(5))))
        guard case .subscriptionError(let error) = try await alice.nextV1() else {
            throw TestSocketError.malformed("expected SubscriptionError")
        }
        #expect(error.requestId == 4 && error.queryId == 5)
        alice.close()
        bob.close()
        await fixture.stop()
    }

    @Test func singleLegacyAndOneOffQueries() async throws {
        let fixture = try await HostFixture.start()
        let (client, token) = try await fixture.connectV1()
        try await client.sendV1(
            .subscribeSingle(V1.SubscribeSingle(query: "SELECT * FROM user WHERE online = true", requestId: 1, queryId: QueryId(3))))
        guard case .subscribeApplied(let single) = try await client.nextV1() else { throw TestSocketError.malformed("SubscribeApplied") }
        #expect(single.queryId.id == 3 && single.rows.tableName == "user" && single.rows.tableId == 4097)
        guard case .uncompressed(let rows) = single.rows.tableRows.updates.first else { throw TestSocketError.malformed("rows") }
        #expect(try rows.inserts.decodeRows(as: User.self).map(\.identity) == [token.identity])

        try await client.sendV1(.unsubscribe(V1.Unsubscribe(requestId: 2, queryId: QueryId(3))))
        guard case .unsubscribeApplied(let unsubscribed) = try await client.nextV1() else {
            throw TestSocketError.malformed("UnsubscribeApplied")
        }
        guard case .uncompressed(let droppedRows) = unsubscribed.rows.tableRows.updates.first else {
            throw TestSocketError.malformed("rows")
        }
        #expect(try droppedRows.deletes.decodeRows(as: User.self).map(\.identity) == [token.identity])

        try await client.sendV1(.subscribe(V1.Subscribe(queryStrings: ["SELECT * FROM *"], requestId: 4)))
        guard case .initialSubscription(let initial) = try await client.nextV1() else {
            throw TestSocketError.malformed("InitialSubscription")
        }
        #expect(initial.requestId == 4)
        #expect(try initial.databaseUpdate.rows(of: "user", as: User.self).inserts.count == 1)

        try await client.sendV1(.oneOffQuery(V1.OneOffQuery(messageId: [9, 9], queryString: "SELECT * FROM user")))
        guard case .oneOffQueryResponse(let oneOff) = try await client.nextV1() else { throw TestSocketError.malformed("OneOff") }
        #expect(oneOff.messageId == [9, 9] && oneOff.error == nil)
        #expect(try oneOff.tables.first?.rows.decodeRows(as: User.self).count == 1)

        try await client.sendV1(.oneOffQuery(V1.OneOffQuery(messageId: [1], queryString: "SELECT * FROM nope")))
        guard case .oneOffQueryResponse(let bad) = try await client.nextV1() else { throw TestSocketError.malformed("OneOff") }
        #expect(bad.error == "`nope` is not a valid table")

        try await client.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: ["SELECT name FROM user"], requestId: 5, queryId: QueryId(6))))
        guard case .subscriptionError(let error) = try await client.nextV1() else { throw TestSocketError.malformed("error") }
        #expect(error.requestId == 5 && error.queryId == 6 && !error.error.isEmpty)
        client.close()
        await fixture.stop()
    }

    @Test func aQueryHeldUnderTwoIdsSendsItsRowsOnceEachWay() async throws {
        let fixture = try await HostFixture.start()
        let (client, token) = try await fixture.connectV1()
        func rowCount(_ rows: V1.SubscribeRows, deletes: Bool) throws -> Int {
            guard case .uncompressed(let update) = rows.tableRows.updates.first else { return -1 }
            return try (deletes ? update.deletes : update.inserts).decodeRows(as: User.self).count
        }
        for id: UInt32 in [1, 2] {
            try await client.sendV1(.subscribeSingle(V1.SubscribeSingle(query: "SELECT * FROM user", requestId: id, queryId: QueryId(id))))
        }
        guard case .subscribeApplied(let first) = try await client.nextV1(),
            case .subscribeApplied(let second) = try await client.nextV1()
        else { throw TestSocketError.malformed("SubscribeApplied") }
        #expect(try rowCount(first.rows, deletes: false) == 1)
        #expect(try rowCount(second.rows, deletes: false) == 0)
        #expect(second.rows.tableName == "user")
        for id: UInt32 in [1, 2] {
            try await client.sendV1(.unsubscribe(V1.Unsubscribe(requestId: 10 + id, queryId: QueryId(id))))
        }
        guard case .unsubscribeApplied(let kept) = try await client.nextV1(),
            case .unsubscribeApplied(let dropped) = try await client.nextV1()
        else { throw TestSocketError.malformed("UnsubscribeApplied") }
        #expect(try rowCount(kept.rows, deletes: true) == 0)
        #expect(try rowCount(dropped.rows, deletes: true) == 1)
        guard case .uncompressed(let update) = dropped.rows.tableRows.updates.first else { throw TestSocketError.malformed("rows") }
        #expect(try update.deletes.decodeRows(as: User.self).map(\.identity) == [token.identity])
        client.close()
        await fixture.stop()
    }

    @Test(arguments: [("Gzip", UInt8(2)), ("Brotli", UInt8(1)), ("None", UInt8(0))])
    func largeMessagesUseTheRequestedCompression(compression: String, tag: UInt8) async throws {
        let fixture = try await HostFixture.start()
        let (writer, _) = try await fixture.connectV1()
        let text = String(repeating: "compressible text ", count: 100)
        try await writer.callV1("send_message", SendMessageArgs(text: text), requestId: 1)
        _ = try await writer.nextV1TransactionUpdate()
        let (reader, _) = try await fixture.connect(query: "compression=\(compression)").nextV1IdentityPair()
        try await reader.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: ["SELECT * FROM message"], requestId: 1, queryId: QueryId(1))))
        let frame = try await reader.nextBinary()
        #expect(frame.first == tag)
        let (_, payload) = try ServerFrameCodec.decode(frame)
        guard case .subscribeMultiApplied(let applied) = try V1.ServerMessage(bsatnBytes: payload) else {
            throw TestSocketError.malformed("SubscribeMultiApplied")
        }
        #expect(try applied.update.rows(of: "message", as: Message.self).inserts.map(\.text) == [text])
        writer.close()
        reader.close()
        await fixture.stop()
    }
}

extension TestWebSocketClient {
    /// Reads the `IdentityToken` that opens a v1 connection.
    func nextV1IdentityPair() async throws -> (TestWebSocketClient, V1.IdentityToken) {
        guard case .identityToken(let token) = try await nextV1() else {
            throw TestSocketError.malformed("first v1 message was not IdentityToken")
        }
        return (self, token)
    }
}
