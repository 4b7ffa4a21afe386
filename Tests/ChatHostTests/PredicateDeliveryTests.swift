import ChatHost
import QuickstartChat
import SpacetimeDB
import Testing

/// Incremental delivery with WHERE clauses, over real sockets: a client hears exactly the rows its
/// queries select, and a row that moves across a query's boundary arrives as an insert or a delete.
@Suite struct PredicateDeliveryTests {
    static let queries = ["SELECT * FROM user WHERE online = true", "SELECT * FROM message WHERE text != 'secret'"]

    /// What a watcher heard from one transaction, per table.
    struct Heard: Equatable {
        var userDeletes: [User] = []
        var userInserts: [User] = []
        var messages: [String] = []
    }

    /// A watching client on one protocol: subscribes to ``queries`` and reads transaction updates.
    enum Watcher {
        case v1(TestWebSocketClient)
        case v2(TestWebSocketClient)

        func initialOnlineUsers() async throws -> [User] {
            switch self {
            case .v1(let client):
                try await client.sendV1(
                    .subscribeMulti(V1.SubscribeMulti(queryStrings: PredicateDeliveryTests.queries, requestId: 1, queryId: QueryId(1))))
                guard case .subscribeMultiApplied(let applied) = try await client.nextV1() else {
                    throw TestSocketError.malformed("expected SubscribeMultiApplied")
                }
                return try applied.update.rows(of: "user", as: User.self).inserts
            case .v2(let client):
                try await client.sendV2(
                    .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: PredicateDeliveryTests.queries)))
                guard case .subscribeApplied(let applied) = try await client.nextV2Messages().first else {
                    throw TestSocketError.malformed("expected SubscribeApplied")
                }
                return try applied.rows.tables.filter { $0.table == "user" }.flatMap { try $0.rows.decodeRows(as: User.self) }
            }
        }

        func next() async throws -> Heard {
            var heard = Heard()
            switch self {
            case .v1(let client):
                guard case .committed(let update) = try await client.nextV1TransactionUpdate().status else {
                    throw TestSocketError.malformed("expected a committed update")
                }
                let users = try update.rows(of: "user", as: User.self)
                heard.userDeletes = users.deletes
                heard.userInserts = users.inserts
                heard.messages = try update.rows(of: "message", as: Message.self).inserts.map(\.text)
            case .v2(let client):
                guard case .transactionUpdate(let update) = try await client.nextV2Messages().first else {
                    throw TestSocketError.malformed("expected TransactionUpdate")
                }
                for set in update.querySets {
                    for table in set.tables {
                        for case .persistentTable(let rows) in table.rows {
                            if table.tableName == "user" {
                                heard.userDeletes += try rows.deletes.decodeRows(as: User.self)
                                heard.userInserts += try rows.inserts.decodeRows(as: User.self)
                            } else {
                                heard.messages += try rows.inserts.decodeRows(as: Message.self).map(\.text)
                            }
                        }
                    }
                }
            }
            return heard
        }

        var client: TestWebSocketClient {
            switch self {
            case .v1(let client), .v2(let client): return client
            }
        }
    }

    @Test(arguments: ["v1.bsatn.spacetimedb", "v2.bsatn.spacetimedb", "v3.bsatn.spacetimedb"])
    func rowsInOutAndAcrossTheBoundary(protocolName: String) async throws {
        let fixture = try await HostFixture.start()
        let (sender, senderToken) = try await fixture.connectV1()
        let watcher: Watcher
        if protocolName.hasPrefix("v1") {
            watcher = .v1(try await fixture.connectV1().0)
        } else {
            watcher = .v2(try await fixture.connectV2(protocols: [protocolName]).0)
        }
        // Both connected users are online, so both are in the window.
        #expect(try await watcher.initialOnlineUsers().count == 2)

        // Outside the query: nothing is sent. Inside: sent. The watcher's next update is the inside one.
        try await sender.callV1("send_message", SendMessageArgs(text: "secret"), requestId: 1)
        try await sender.callV1("send_message", SendMessageArgs(text: "hello"), requestId: 2)
        #expect(try await watcher.next() == Heard(messages: ["hello"]))

        // An update inside the query is a delete and an insert.
        try await sender.callV1("set_name", SetNameArgs(name: "Sam"), requestId: 3)
        let online = User(identity: senderToken.identity, name: "Sam", online: true)
        #expect(try await watcher.next() == Heard(userDeletes: [User(identity: senderToken.identity, name: nil, online: true)], userInserts: [online]))

        // Going offline moves the row out of `online = true`: only a delete.
        sender.close()
        #expect(try await watcher.next() == Heard(userDeletes: [online]))

        // Coming back moves it in: only an insert.
        let (returning, _) = try await fixture.connectV1(headers: [("Authorization", "Bearer \(senderToken.token)")])
        #expect(try await watcher.next() == Heard(userInserts: [online]))
        returning.close()
        watcher.client.close()
        await fixture.stop()
    }

    @Test func oneOffQueriesReadATimeRange() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2()
        for (index, text) in ["one", "two", "three"].enumerated() {
            try await client.sendV2(
                .callReducer(V2.CallReducer(requestId: UInt32(index), flags: 0, reducer: "send_message", args: SendMessageArgs(text: text).bsatnBytes())))
            _ = try await client.nextV2Messages()
        }
        let all = await fixture.host.tables().messages
        #expect(all.map(\.text) == ["one", "two", "three"])
        let from = all[1].sent.rfc3339
        let to = all[2].sent.rfc3339
        try await client.sendV2(
            .oneOffQuery(V2.OneOffQuery(requestId: 9, queryString: "SELECT * FROM message WHERE sent >= '\(from)' AND sent < '\(to)'")))
        guard case .oneOffQueryResult(let result) = try await client.nextV2Messages().first, case .ok(let rows) = result.result else {
            throw TestSocketError.malformed("expected rows")
        }
        #expect(try rows.tables.flatMap { try $0.rows.decodeRows(as: Message.self) }.map(\.text) == ["two"])

        try await client.sendV2(.oneOffQuery(V2.OneOffQuery(requestId: 10, queryString: "SELECT * FROM message WHERE sent >= 'yesterday'")))
        guard case .oneOffQueryResult(let refused) = try await client.nextV2Messages().first, case .err(let message) = refused.result else {
            throw TestSocketError.malformed("expected an error")
        }
        #expect(message == "The literal expression `yesterday` cannot be parsed as type `(__timestamp_micros_since_unix_epoch__: I64)`")
        client.close()
        await fixture.stop()
    }
}
