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
}
