import ChatHost
import QuickstartChat
import SpacetimeDB
import Testing

@Suite struct V2ProtocolTests {
    func subscribe(_ client: TestWebSocketClient, requestId: UInt32, set: UInt32, queries: [String]) async throws
        -> V2.SubscribeApplied
    {
        try await client.sendV2(.subscribe(V2.Subscribe(requestId: requestId, querySetId: QuerySetId(set), queryStrings: queries)))
        guard case .subscribeApplied(let applied) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("expected SubscribeApplied")
        }
        return applied
    }

    @Test func callerGetsReducerResultOthersGetTransactionUpdate() async throws {
        let fixture = try await HostFixture.start()
        let (alice, aliceInitial) = try await fixture.connectV2()
        let applied = try await subscribe(alice, requestId: 1, set: 10, queries: ["SELECT * FROM user", "SELECT * FROM message"])
        #expect(applied.requestId == 1 && applied.querySetId.id == 10)
        #expect(applied.rows.tables.map(\.table) == ["user", "message"])
        #expect(try applied.rows.tables[0].rows.decodeRows(as: User.self) == [User(identity: aliceInitial.identity, name: nil, online: true)])

        let (bob, bobInitial) = try await fixture.connectV2()
        _ = try await subscribe(bob, requestId: 1, set: 1, queries: ["SELECT * FROM message"])
        // Alice hears bob's connect as a bare TransactionUpdate for her query set.
        guard case .transactionUpdate(let connected) = try await alice.nextV2Messages().first else {
            throw TestSocketError.malformed("expected TransactionUpdate")
        }
        #expect(connected.querySets.map(\.querySetId.id) == [10])

        try await bob.sendV2(
            .callReducer(V2.CallReducer(requestId: 5, flags: 0, reducer: "send_message", args: SendMessageArgs(text: "hey").bsatnBytes())))
        guard case .reducerResult(let result) = try await bob.nextV2Messages().first else {
            throw TestSocketError.malformed("expected ReducerResult")
        }
        #expect(result.requestId == 5)
        guard case .ok(let ok) = result.result else { throw TestSocketError.malformed("expected Ok") }
        #expect(ok.retValue.isEmpty)
        #expect(ok.transactionUpdate.querySets.map(\.querySetId.id) == [1])
        guard case .persistentTable(let bobRows) = ok.transactionUpdate.querySets.first?.tables.first?.rows.first else {
            throw TestSocketError.malformed("rows")
        }
        let sent = try bobRows.inserts.decodeRows(as: Message.self)
        #expect(sent.map(\.text) == ["hey"] && sent.first?.sender == bobInitial.identity)
        #expect(sent.first?.sent == result.timestamp)

        guard case .transactionUpdate(let other) = try await alice.nextV2Messages().first else {
            throw TestSocketError.malformed("expected TransactionUpdate")
        }
        #expect(other.querySets.first?.tables.map(\.tableName) == ["message"])

        // Err carries the BSATN string; unknown reducers are InternalError.
        try await bob.sendV2(
            .callReducer(V2.CallReducer(requestId: 6, flags: 0, reducer: "set_name", args: SetNameArgs(name: "").bsatnBytes())))
        guard case .reducerResult(let failed) = try await bob.nextV2Messages().first else { throw TestSocketError.malformed("result") }
        #expect(failed.requestId == 6)
        #expect(failed.result == .err("Names must not be empty".bsatnBytes()))
        try await bob.sendV2(.callReducer(V2.CallReducer(requestId: 7, flags: 0, reducer: "nope", args: [])))
        guard case .reducerResult(let unknown) = try await bob.nextV2Messages().first else { throw TestSocketError.malformed("result") }
        #expect(unknown.result == .internalError("no such reducer"))

        // A committed call with nothing for the caller's query sets: Ok with empty query sets.
        try await bob.sendV2(
            .callReducer(V2.CallReducer(requestId: 8, flags: 0, reducer: "set_name", args: SetNameArgs(name: "Bob").bsatnBytes())))
        guard case .reducerResult(let renamed) = try await bob.nextV2Messages().first, case .ok(let renamedOk) = renamed.result else {
            throw TestSocketError.malformed("result")
        }
        #expect(renamedOk.transactionUpdate.querySets.isEmpty)
        guard case .transactionUpdate(let renameSeen) = try await alice.nextV2Messages().first,
            case .persistentTable(let userRows) = renameSeen.querySets.first?.tables.first?.rows.first
        else {
            throw TestSocketError.malformed("expected the rename")
        }
        #expect(try userRows.inserts.decodeRows(as: User.self).first?.name == "Bob")
        #expect(try userRows.deletes.decodeRows(as: User.self).first?.name == nil)
        alice.close()
        bob.close()
        await fixture.stop()
    }

    @Test func unsubscribeWithAndWithoutDroppedRows() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2()
        _ = try await subscribe(client, requestId: 1, set: 1, queries: ["SELECT * FROM user"])
        _ = try await subscribe(client, requestId: 2, set: 2, queries: ["SELECT * FROM user"])
        try await client.sendV2(.unsubscribe(V2.Unsubscribe(requestId: 3, querySetId: QuerySetId(1), flags: .sendDroppedRows)))
        guard case .unsubscribeApplied(let withRows) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("UnsubscribeApplied")
        }
        #expect(withRows.requestId == 3 && withRows.rows?.tables.first?.table == "user")
        try await client.sendV2(.unsubscribe(V2.Unsubscribe(requestId: 4, querySetId: QuerySetId(2), flags: .default)))
        guard case .unsubscribeApplied(let withoutRows) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("UnsubscribeApplied")
        }
        #expect(withoutRows.rows == nil)
        try await client.sendV2(.unsubscribe(V2.Unsubscribe(requestId: 5, querySetId: QuerySetId(2), flags: .default)))
        guard case .subscriptionError(let error) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("SubscriptionError")
        }
        #expect(error.requestId == 5 && error.querySetId.id == 2)
        try await client.sendV2(.subscribe(V2.Subscribe(requestId: 6, querySetId: QuerySetId(3), queryStrings: ["SELECT * FROM nope"])))
        guard case .subscriptionError(let badQuery) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("SubscriptionError")
        }
        #expect(badQuery.requestId == 6 && badQuery.error == "`nope` is not a valid table")
        try await client.sendV2(.oneOffQuery(V2.OneOffQuery(requestId: 7, queryString: "SELECT * FROM user")))
        guard case .oneOffQueryResult(let oneOff) = try await client.nextV2Messages().first, case .ok(let rows) = oneOff.result else {
            throw TestSocketError.malformed("OneOffQueryResult")
        }
        #expect(oneOff.requestId == 7 && rows.tables.count == 1)
        client.close()
        await fixture.stop()
    }

    @Test func v3FramesMayCarrySeveralMessagesEachWay() async throws {
        let fixture = try await HostFixture.start()
        let (client, initial) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb", "v2.bsatn.spacetimedb"])
        let batch: [V2.ClientMessage] = [
            .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"])),
            .callReducer(V2.CallReducer(requestId: 2, flags: 0, reducer: "send_message", args: SendMessageArgs(text: "one").bsatnBytes())),
            .callReducer(V2.CallReducer(requestId: 3, flags: 0, reducer: "send_message", args: SendMessageArgs(text: "two").bsatnBytes())),
        ]
        try await client.sendBinary(V3.encodeClientFrame(batch))
        var received: [V2.ServerMessage] = []
        while received.count < 3 { received += try await client.nextV2Messages() }
        #expect(received.count == 3)
        guard case .subscribeApplied = received[0], case .reducerResult(let first) = received[1],
            case .reducerResult(let second) = received[2]
        else {
            throw TestSocketError.malformed("unexpected messages \(received)")
        }
        #expect(first.requestId == 2 && second.requestId == 3)
        guard case .ok(let ok) = second.result, case .persistentTable(let rows) = ok.transactionUpdate.querySets.first?.tables.first?.rows.first else {
            throw TestSocketError.malformed("rows")
        }
        #expect(try rows.inserts.decodeRows(as: Message.self) .map(\.sender) == [initial.identity])
        client.close()
        await fixture.stop()
    }
}
