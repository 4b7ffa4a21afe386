import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct ClientSubscriptionsTests {
    let users = SQLQuery(table: .user)
    let online = SQLQuery(table: .user, predicate: .compare(column: "online", .equal, .bool(true)))
    let messages = SQLQuery(table: .message)

    @Test func v1QueriesAreReferenceCountedAcrossIds() throws {
        var subscriptions = ClientSubscriptions()
        #expect(try subscriptions.subscribeV1(id: 1, queries: [users, messages, users]) == [users, messages])
        #expect(try subscriptions.subscribeV1(id: 2, queries: [users, online]) == [online])
        #expect(subscriptions.v1Queries == [users, messages, online])
        #expect(try subscriptions.unsubscribeV1(id: 1) == [messages])
        #expect(subscriptions.v1Queries == [users, online])
        #expect(try subscriptions.unsubscribeV1(id: 2) == [users, online])
        #expect(subscriptions.isEmpty)
    }

    @Test func duplicateAndUnknownIdsAreErrors() throws {
        var subscriptions = ClientSubscriptions()
        _ = try subscriptions.subscribeV1(id: 7, queries: [users])
        #expect(throws: ClientSubscriptions.Failure.duplicateId(7)) { try subscriptions.subscribeV1(id: 7, queries: [messages]) }
        #expect(throws: ClientSubscriptions.Failure.unknownId(8)) { try subscriptions.unsubscribeV1(id: 8) }
        _ = try subscriptions.subscribeV2(id: 7, queries: [users])
        #expect(throws: ClientSubscriptions.Failure.duplicateId(7)) { try subscriptions.subscribeV2(id: 7, queries: [users]) }
        #expect(throws: ClientSubscriptions.Failure.unknownId(9)) { try subscriptions.unsubscribeV2(id: 9) }
    }

    @Test func legacySubscribeReplacesTheSet() {
        var subscriptions = ClientSubscriptions()
        #expect(subscriptions.replaceLegacy(with: [users, messages]) == [users, messages])
        #expect(subscriptions.replaceLegacy(with: [messages]) == [])
        #expect(subscriptions.v1Queries == [messages])
    }

    @Test func v2SetsEachKeepTheirQueries() throws {
        var subscriptions = ClientSubscriptions()
        #expect(try subscriptions.subscribeV2(id: 1, queries: [users, users]) == [users])
        #expect(try subscriptions.subscribeV2(id: 2, queries: [users, messages]) == [users, messages])
        #expect(subscriptions.v2Sets.map(\.id) == [1, 2])
        #expect(try subscriptions.unsubscribeV2(id: 1) == [users])
        #expect(subscriptions.v2Sets.map(\.id) == [2])
    }
}
