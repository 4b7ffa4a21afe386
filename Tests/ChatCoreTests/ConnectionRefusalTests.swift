@testable import ChatCore
import SpacetimeDB
import Testing

/// Issue 12, item 1: a refused reconnect keeps everything typed, says what happened and what to do,
/// and `/reset-identity` starts over and sends what was queued.
@Suite struct ConnectionRefusalTests {
    typealias F = Fixtures
    static let path = "/home/u/.spacetimedb_client_credentials/quickstart-chat"
    static let refused401 = DbConnectionError.httpStatus(code: 401, reason: "Unauthorized", body: "InvalidSignature")

    @Test(arguments: [
        (DbConnectionError.httpStatus(code: 401, reason: "Unauthorized", body: ""), ConnectionRefusal.Cause.tokenRefused, true),
        (.httpStatus(code: 404, reason: "Not Found", body: ""), .noSuchDatabase, false),
        (.httpStatus(code: 403, reason: "Forbidden", body: ""), .refused, false),
        (.httpStatus(code: 400, reason: "Bad Request", body: ""), .refused, false),
        (.httpStatus(code: 503, reason: "Service Unavailable", body: ""), .unreachable, true),
        (.identityChanged(old: Fixtures.me, new: Fixtures.alice), .identityChanged, true),
        (.protocolViolation("bad tag"), .unreadable, false),
        (.connectFailed("connection refused"), .unreachable, true),
    ])
    func classifiesEnds(error: DbConnectionError, cause: ConnectionRefusal.Cause, canStartOver: Bool) {
        let refusal = ConnectionRefusal(error: error, credentialsPath: Self.path)
        #expect(refusal.cause == cause)
        #expect(refusal.canStartOver == canStartOver)
        #expect(refusal.explanation.joined().contains("Nothing you typed is lost"))
        #expect(refusal.explanation.joined().contains("/reset-identity") == canStartOver)
    }

    /// The scenario of the issue: the host comes back without our data; two messages were queued.
    static func refusedWithTwoQueued() -> ChatModel {
        var model = F.liveModel(users: [ChatUser(identity: F.me, name: "me", online: true)])
        _ = model.apply(.disconnected(reason: "connection lost"), at: F.time(5))
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(6)), at: F.time(5))
        #expect(model.submit("first while down", at: F.time(7)).isEmpty)
        #expect(model.submit("second while down", at: F.time(8)).isEmpty)
        let refusal = ConnectionRefusal(error: refused401, credentialsPath: path)
        #expect(model.apply(.closedForGood(refusal), at: F.time(9)).isEmpty)
        return model
    }

    @Test func refusedReconnectKeepsQueuedMessagesMarkedNotSentAndSaysWhatToDo() {
        let model = Self.refusedWithTwoQueued()
        #expect(F.outgoing(model).map(\.text) == ["first while down", "second while down"])
        #expect(F.outgoing(model).map(\.delivery) == [.notSent, .notSent])
        #expect(model.closedForGood?.cause == .tokenRefused)
        #expect(model.connection == .disconnected(reason: "identity refused by the host"))
        let notices = F.notices(model).joined(separator: "\n")
        #expect(notices.contains("no longer accepts your saved identity"))
        #expect(notices.contains("InvalidSignature"))
        #expect(notices.contains("/reset-identity"))
        #expect(notices.contains(Self.path))
        #expect(model.queuedCallCount == 2, "the calls stay in the outbox")
    }

    @Test func messagesTypedAfterTheRefusalAreNotSentEitherAndGoOutAfterAReset() {
        var model = Self.refusedWithTwoQueued()
        #expect(model.submit("third, after the refusal", at: F.time(10)).isEmpty)
        #expect(F.outgoing(model).last?.delivery == .notSent)
        #expect(model.submit("/reset-identity", at: F.time(11)) == [.startOverWithNewIdentity])
        model.startedOverWithNewIdentity(credentialsMovedTo: nil, at: F.time(11))
        _ = model.apply(.connected(identity: F.carol, connectionID: ConnectionId(9)), at: F.time(12))
        let effects = model.apply(.initialRowsApplied(users: [], messages: []), at: F.time(12))
        #expect(effects.count == 4, "name, then three messages: \(effects)")
        #expect(F.outgoing(model).map(\.delivery) == [.sending, .sending, .sending])
    }

    @Test func resetIdentityStartsOverAndSendsTheQueueAfterTheNewHistory() {
        var model = Self.refusedWithTwoQueued()
        #expect(model.submit("/reset-identity", at: F.time(10)) == [.startOverWithNewIdentity])
        model.startedOverWithNewIdentity(credentialsMovedTo: Self.path + ".refused-1", at: F.time(10))
        #expect(model.closedForGood == nil)
        #expect(model.connection == .connecting)
        #expect(F.outgoing(model).map(\.delivery) == [.queued, .queued])
        #expect(F.notices(model).contains { $0.contains(".refused-1") })

        // A new identity; nothing goes out before the new host's history is in.
        #expect(model.apply(.connected(identity: F.carol, connectionID: ConnectionId(9)), at: F.time(11)).isEmpty)
        let effects = model.apply(.initialRowsApplied(users: [ChatUser(identity: F.carol, name: nil, online: true)], messages: []), at: F.time(12))
        let sent = effects.compactMap { effect -> String? in
            switch effect {
            case .setName(_, let name): "name:" + name
            case .sendMessage(_, let text): text
            default: nil
            }
        }
        #expect(sent == ["name:me", "first while down", "second while down"])
        #expect(F.outgoing(model).map(\.delivery) == [.sending, .sending])
        #expect(model.ownIdentity == F.carol)
    }

    @Test func resetIdentityDoesNothingWhileTheIdentityIsFine() {
        var model = F.liveModel()
        #expect(model.submit("/reset-identity", at: F.time(10)).isEmpty)
        #expect(F.notices(model).last?.contains("nothing changed") == true)
    }

    @Test func resetIdentityIsNotOfferedWhenItCannotHelp() {
        var model = F.liveModel()
        _ = model.apply(.closedForGood(ConnectionRefusal(error: .httpStatus(code: 404, reason: "Not Found", body: ""), credentialsPath: nil)), at: F.time(5))
        #expect(model.submit("/reset-identity", at: F.time(10)).isEmpty)
        #expect(F.notices(model).last?.contains("would not help") == true)
    }

    @Test func commandParses() {
        #expect(ChatCommand(parsing: "/reset-identity") == .resetIdentity)
        #expect(ChatCommand(parsing: "/RESET-IDENTITY now") == .resetIdentity)
        #expect(ChatNotice.helpLines.joined().contains("/reset-identity"))
    }
}
