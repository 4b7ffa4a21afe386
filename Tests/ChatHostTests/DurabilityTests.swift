import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

@Suite struct DurabilityTests {
    @Test func restartKeepsEveryRowWithUsersOffline() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try await HostFixture.start(directory: directory)
        let (alice, aliceToken) = try await first.connectV1()
        try await alice.callV1("set_name", SetNameArgs(name: "Alice"), requestId: 1)
        _ = try await alice.nextV1TransactionUpdate()
        for index in 0..<5 {
            try await alice.callV1("send_message", SendMessageArgs(text: "message \(index)"), requestId: UInt32(10 + index))
            _ = try await alice.nextV1TransactionUpdate()
        }
        // Stop the host without a clean client close: the user must still come back offline.
        await first.stop(removeData: false)
        alice.close()

        let second = try await HostFixture.start(directory: directory)
        let tables = await second.host.tables()
        #expect(tables.messages.map(\.text) == (0..<5).map { "message \($0)" })
        #expect(tables.users[aliceToken.identity] == User(identity: aliceToken.identity, name: "Alice", online: false))
        // A reconnect with the same token finds the named user and marks it online.
        let (again, againToken) = try await second.connectV1(query: "compression=None&token=\(aliceToken.token)")
        #expect(againToken.identity == aliceToken.identity)
        try await again.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: ["SELECT * FROM user"], requestId: 1, queryId: QueryId(1))))
        guard case .subscribeMultiApplied(let applied) = try await again.nextV1() else {
            throw TestSocketError.malformed("SubscribeMultiApplied")
        }
        #expect(try applied.update.rows(of: "user", as: User.self).inserts == [User(identity: aliceToken.identity, name: "Alice", online: true)])
        again.close()
        await second.stop(removeData: false)
    }

    @Test func secondHostOnTheSameDirectoryFails() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try await HostFixture.start(directory: directory)
        await #expect {
            _ = try await HostFixture.start(directory: directory)
        } throws: { error in
            guard case .dataDirectoryLocked = error as? HostError else { return false }
            return "\(error)".contains("in use by another host")
        }
        await first.stop(removeData: false)
        let third = try await HostFixture.start(directory: directory)
        await third.stop(removeData: false)
    }

    /// Rows imported into a data directory (the benchmarks' history seeding) are what a host started
    /// there serves, users offline as after any restart.
    @Test func importedRowsAreRestoredByTheNextHost() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ada = User(identity: Identity(UInt256(UInt64(0xC200_0000_0000_0001))), name: "Ada", online: true)
        let messages = (0..<3).map {
            Message(sender: ada.identity, sent: Timestamp(microsecondsSinceUnixEpoch: Int64($0)), text: "imported \($0)")
        }
        try ChatHost.importRows(users: [ada], messages: messages, into: directory.url)
        let host = try await HostFixture.start(directory: directory)
        let tables = await host.host.tables()
        await host.stop(removeData: false)
        #expect(tables.messages.map(\.text) == ["imported 0", "imported 1", "imported 2"])
        #expect(tables.users[ada.identity] == User(identity: ada.identity, name: "Ada", online: false))
    }
}
