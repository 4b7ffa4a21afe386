import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct QuickstartChatModuleTests {
    let alice = Identity.fromClaims(issuer: "localhost", subject: "alice")
    let bob = Identity.fromClaims(issuer: "localhost", subject: "bob")
    let now = Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381)

    func tablesWithAlice(online: Bool = true, name: String? = nil) -> ChatTables {
        var tables = ChatTables()
        var changes = TransactionChanges()
        changes.insertedUsers = [User(identity: alice, name: name, online: online)]
        tables.apply(changes)
        return tables
    }

    func call(_ reducer: String, _ args: [UInt8], sender: Identity, tables: ChatTables) -> Result<
        TransactionChanges, ReducerCallError
    > {
        QuickstartChatModule.callFromClient(reducer: reducer, args: args, sender: sender, timestamp: now, tables: tables)
    }

    @Test func setNameRenamesAsDeletePlusInsert() throws {
        let changes = try call("set_name", SetNameArgs(name: "Alice").bsatnBytes(), sender: alice, tables: tablesWithAlice()).get()
        #expect(changes.deletedUsers == [User(identity: alice, name: nil, online: true)])
        #expect(changes.insertedUsers == [User(identity: alice, name: "Alice", online: true)])
    }

    @Test(arguments: [
        ("set_name", SetNameArgs(name: "").bsatnBytes(), "Names must not be empty"),
        ("send_message", SendMessageArgs(text: "").bsatnBytes(), "Messages must not be empty"),
    ])
    func emptyInputIsRejectedWithTheModulesText(reducer: String, args: [UInt8], message: String) {
        #expect(call(reducer, args, sender: alice, tables: tablesWithAlice()) == .failure(.reducerFailed(message)))
    }

    @Test func setNameForUnknownUserFails() {
        let result = call("set_name", SetNameArgs(name: "Bob").bsatnBytes(), sender: bob, tables: tablesWithAlice())
        #expect(result == .failure(.reducerFailed("Cannot set name for unknown user")))
    }

    @Test func sendMessageStampsSenderAndTime() throws {
        let changes = try call("send_message", SendMessageArgs(text: "Hello").bsatnBytes(), sender: bob, tables: ChatTables()).get()
        #expect(changes.insertedMessages == [Message(sender: bob, sent: now, text: "Hello")])
        #expect(changes.deletedUsers.isEmpty && changes.insertedUsers.isEmpty)
    }

    @Test(arguments: [
        ("identity_connected", "can't directly call special OnConnect lifecycle reducer"),
        ("identity_disconnected", "can't directly call special OnDisconnect lifecycle reducer"),
        ("init", "can't directly call special Init lifecycle reducer"),
        ("drop_tables", "no such reducer"),
    ])
    func specialAndUnknownReducersAreRefused(reducer: String, text: String) {
        guard case .failure(let error) = call(reducer, [], sender: alice, tables: ChatTables()) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description == text)
        #expect(error.isRejectedBeforeRunning)
    }

    @Test func badArgumentsNameTheReducer() {
        guard case .failure(let error) = call("send_message", [0xFF, 0, 0, 0], sender: alice, tables: ChatTables()) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.description.hasPrefix("invalid arguments for reducer send_message: "))
        guard case .failure(let trailing) = call("set_name", SetNameArgs(name: "x").bsatnBytes() + [0], sender: alice, tables: tablesWithAlice()) else {
            Issue.record("expected a failure")
            return
        }
        #expect(trailing.description.hasPrefix("invalid arguments for reducer set_name: "))
    }

    @Test func connectInsertsNewUserOrMarksReturningUserOnline() {
        let fresh = QuickstartChatModule.identityConnected(sender: bob, tables: ChatTables())
        #expect(fresh.insertedUsers == [User(identity: bob, name: nil, online: true)])
        #expect(fresh.deletedUsers.isEmpty)
        let returning = QuickstartChatModule.identityConnected(sender: alice, tables: tablesWithAlice(online: false, name: "A"))
        #expect(returning.deletedUsers == [User(identity: alice, name: "A", online: false)])
        #expect(returning.insertedUsers == [User(identity: alice, name: "A", online: true)])
    }

    @Test func disconnectMarksOfflineAndIgnoresUnknownUsers() {
        let known = QuickstartChatModule.identityDisconnected(sender: alice, tables: tablesWithAlice(name: "A"))
        #expect(known.insertedUsers == [User(identity: alice, name: "A", online: false)])
        #expect(QuickstartChatModule.identityDisconnected(sender: bob, tables: tablesWithAlice()).isEmpty)
    }

    @Test func rewritingARowToItsOwnValueIsNoChange() {
        // A second connection of an already-online user.
        let changes = QuickstartChatModule.identityConnected(sender: alice, tables: tablesWithAlice(online: true))
        #expect(!changes.isEmpty)
        #expect(changes.normalized.isEmpty)
    }

    @Test func restartMarksEveryoneOffline() {
        var tables = tablesWithAlice(online: true, name: "A")
        let changes = tables.markAllOffline()
        #expect(changes.insertedUsers == [User(identity: alice, name: "A", online: false)])
        #expect(tables.users[alice]?.online == false)
    }

    @Test func reducerIdsFollowSchemaOrder() {
        #expect(QuickstartChatModule.reducerId(of: "identity_connected") == 0)
        #expect(QuickstartChatModule.reducerId(of: "set_name") == 4)
        #expect(QuickstartChatModule.reducerId(of: "nope") == UInt32.max)
    }
}
