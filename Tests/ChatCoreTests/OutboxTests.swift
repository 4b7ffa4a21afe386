@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct OutboxTests {
    typealias F = Fixtures

    /// A live model where `me` sent "hello" at t=10; returns the model and the call's id.
    static func sentHello() -> (ChatModel, LocalCallID) {
        var model = F.liveModel(users: [ChatUser(identity: F.me, name: "me", online: true)])
        let effects = model.submit("hello", at: F.time(10))
        guard case .sendMessage(let id, let text)? = effects.first, effects.count == 1, text == "hello" else {
            Issue.record("expected one sendMessage effect, got \(effects)")
            return (model, LocalCallID(0))
        }
        return (model, id)
    }

    @Test func plainTextIsPendingAtOnce() {
        let (model, id) = Self.sentHello()
        #expect(F.outgoing(model) == [OutgoingMessage(localID: id, text: "hello", delivery: .sending)])
        #expect(model.senderName(of: model.log[0]) == "me")
        #expect(model.senderIdentity(of: model.log[0]) == F.me)
    }

    @Test func confirmedByResultThenRow() {
        var (model, id) = Self.sentHello()
        _ = model.apply(.sendMessageResult(localID: id, text: "hello", outcome: .committed), at: F.time(11))
        #expect(F.outgoing(model).map(\.delivery) == [.committed])
        let row = ChatMessage(sender: F.me, sent: F.time(11), text: "hello")
        _ = model.apply(.messageInserted(row), at: F.time(11))
        #expect(F.outgoing(model).isEmpty)
        #expect(F.rows(model) == [row])
        #expect(model.log.count == 1, "the confirmed row must not appear twice")
        #expect(model.outbox.isEmpty)
    }

    @Test func confirmedByRowThenResult() {
        var (model, id) = Self.sentHello()
        let row = ChatMessage(sender: F.me, sent: F.time(11), text: "hello")
        _ = model.apply(.messageInserted(row), at: F.time(11))
        #expect(F.rows(model) == [row])
        #expect(F.outgoing(model).isEmpty)
        _ = model.apply(.sendMessageResult(localID: id, text: "hello", outcome: .committed), at: F.time(11))
        #expect(model.log.count == 1)
        #expect(F.notices(model).isEmpty)
        #expect(model.outbox.isEmpty)
    }

    @Test func rowFromSomeoneElseWithSameTextDoesNotConfirm() {
        var (model, _) = Self.sentHello()
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(11), text: "hello")), at: F.time(11))
        #expect(F.outgoing(model).map(\.delivery) == [.sending])
        #expect(F.rows(model).count == 1)
    }

    @Test func failedWithReasonAndNotice() {
        var model = F.liveModel()
        // A whitespace-only line is not sent at all.
        #expect(model.submit("   ", at: F.time(1)).isEmpty)
        #expect(model.log.isEmpty)
        let effects = model.submit("say \"hi\"", at: F.time(2))
        guard case .sendMessage(let id, _)? = effects.first else {
            Issue.record("no send effect")
            return
        }
        _ = model.apply(.sendMessageResult(localID: id, text: "say \"hi\"", outcome: .failed("boom")), at: F.time(3))
        #expect(F.outgoing(model).map(\.delivery) == [.failed("boom")])
        #expect(F.notices(model) == ["Failed to send message \"say \\\"hi\\\"\": boom"])
        #expect(model.outbox.isEmpty)
    }

    @Test func resultsWithoutIDMatchOldestSameText() {
        var model = F.liveModel()
        _ = model.submit("dup", at: F.time(1))
        _ = model.submit("other", at: F.time(2))
        _ = model.submit("dup", at: F.time(3))
        _ = model.apply(.sendMessageResult(localID: nil, text: "dup", outcome: .failed("nope")), at: F.time(4))
        #expect(F.outgoing(model).map(\.delivery) == [.failed("nope"), .sending, .sending])
        // The row for the second "dup" settles the second one, not the failed first.
        _ = model.apply(.messageInserted(ChatMessage(sender: F.me, sent: F.time(5), text: "dup")), at: F.time(5))
        #expect(F.outgoing(model).map(\.text) == ["dup", "other"])
        #expect(F.rows(model).map(\.text) == ["dup"])
    }

    @Test func rowFirstThenIDLessResultDoesNotSettleTheNextSameText() {
        var model = F.liveModel()
        _ = model.submit("same", at: F.time(1))
        _ = model.submit("same", at: F.time(2))
        _ = model.apply(.messageInserted(ChatMessage(sender: F.me, sent: F.time(3), text: "same")), at: F.time(3))
        // First call's result: must attach to the first call, leaving the second still sending.
        _ = model.apply(.sendMessageResult(localID: nil, text: "same", outcome: .committed), at: F.time(3))
        #expect(F.outgoing(model).map(\.delivery) == [.sending])
        _ = model.apply(.sendMessageResult(localID: nil, text: "same", outcome: .failed("x")), at: F.time(4))
        #expect(F.outgoing(model).map(\.delivery) == [.failed("x")])
    }

    @Test func confirmedRowMovesToServerTime() {
        var model = F.liveModel()
        _ = model.submit("mine", at: F.time(10))
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(12), text: "theirs")), at: F.time(12))
        // The server stamped ours at 13, after alice's.
        _ = model.apply(.messageInserted(ChatMessage(sender: F.me, sent: F.time(13), text: "mine")), at: F.time(13))
        #expect(F.rows(model).map(\.text) == ["theirs", "mine"])
        #expect(model.log.count == 2)
    }

    @Test func setNameEffectsAndFailure() {
        var model = F.liveModel()
        let effects = model.submit("/name  bob ", at: F.time(1))
        guard case .setName(let id, let name)? = effects.first else {
            Issue.record("expected setName, got \(effects)")
            return
        }
        #expect(name == "bob")
        #expect(model.pendingName == "bob")
        #expect(model.log.isEmpty, "a name change adds no log entry by itself")
        _ = model.apply(.setNameResult(localID: id, name: "bob", outcome: .committed), at: F.time(2))
        #expect(model.pendingName == nil)
        #expect(F.notices(model).isEmpty)

        let empty = model.submit("/name", at: F.time(3))
        guard case .setName(let emptyID, "")? = empty.first else {
            Issue.record("expected setName(\"\"), got \(empty)")
            return
        }
        _ = model.apply(.setNameResult(localID: emptyID, name: "", outcome: .failed("Names must not be empty")), at: F.time(4))
        #expect(F.notices(model) == ["Failed to change name to \"\": Names must not be empty"])
        #expect(model.pendingName == nil)
    }

    @Test func failureWithoutAnyPendingCallStillNotifies() {
        var model = F.liveModel()
        _ = model.apply(.sendMessageResult(localID: nil, text: "", outcome: .failed("Messages must not be empty")), at: F.time(1))
        #expect(F.notices(model) == ["Failed to send message \"\": Messages must not be empty"])
    }

    @Test func queuedWhileDisconnectedThenReleasedInOrder() {
        var model = F.liveModel()
        _ = model.apply(.disconnected(reason: "reset"), at: F.time(1))
        #expect(model.submit("one", at: F.time(2)).isEmpty)
        #expect(model.submit("/name bob", at: F.time(3)).isEmpty)
        #expect(model.submit("two", at: F.time(4)).isEmpty)
        #expect(F.outgoing(model).map(\.delivery) == [.queued, .queued])
        #expect(model.queuedCallCount == 3)

        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(5)), at: F.time(4))
        // History is already loaded: back on the connection, the queue goes out at once.
        let effects = model.apply(.connected(identity: F.me, connectionID: ConnectionId(9)), at: F.time(5))
        #expect(effects.count == 3)
        guard effects.count == 3,
              case .sendMessage(let first, "one") = effects[0],
              case .setName(let second, "bob") = effects[1],
              case .sendMessage(let third, "two") = effects[2] else {
            Issue.record("wrong release order: \(effects)")
            return
        }
        #expect(first < second && second < third)
        #expect(F.outgoing(model).map(\.delivery) == [.sending, .sending])
        #expect(model.queuedCallCount == 0)
        #expect(F.notices(model) == ["Disconnected: reset", "Reconnected."])
        // An SDK that re-delivers the whole subscription changes nothing: no second send.
        let again = model.apply(.initialRowsApplied(users: [ChatUser(identity: F.me, name: nil, online: true)], messages: []),
                                at: F.time(6))
        #expect(again.isEmpty)
        #expect(F.outgoing(model).map(\.delivery) == [.sending, .sending])
        #expect(F.notices(model) == ["Disconnected: reset", "Reconnected."])
    }

    @Test func repeatedConnectedIsIgnored() {
        var model = F.liveModel()
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(2)), at: F.time(1))
        _ = model.submit("queued", at: F.time(1))
        let first = model.apply(.connected(identity: F.me, connectionID: ConnectionId(9)), at: F.time(2))
        let second = model.apply(.connected(identity: F.me, connectionID: ConnectionId(9)), at: F.time(2))
        #expect(first.count == 1)
        #expect(second.isEmpty)
        #expect(F.notices(model) == ["Disconnected.", "Reconnected."])
    }

    @Test func statusConnectedAfterADropGoesLive() {
        var model = ChatModel(databaseName: "db", hostLabel: "h")
        // The SDK reports status `connected` before `onConnect` on the first connection: ignored.
        #expect(model.apply(.reconnected, at: F.time(0)).isEmpty)
        #expect(model.connection == .connecting)
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(1)), at: F.time(0))
        #expect(model.apply(.reconnected, at: F.time(0)).isEmpty, "already connected")
        _ = model.apply(.initialRowsApplied(users: [], messages: []), at: F.time(1))
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(3)), at: F.time(2))
        _ = model.submit("while away", at: F.time(2))
        let effects = model.apply(.reconnected, at: F.time(3))
        #expect(effects.map(Self.strip) == [.sendMessage(localID: LocalCallID(0), text: "while away")])
        #expect(model.connection == .connected)
        #expect(model.isLive)
        #expect(model.ownIdentity == F.me)
        #expect(F.notices(model) == ["Disconnected.", "Reconnected."])
    }

    /// The SDK restores subscriptions itself: in-flight calls fail with "the connection dropped…",
    /// and only rows that changed meanwhile arrive, as ordinary row events.
    @Test func lostInFlightThatLandedIsSettledByItsRow() {
        var model = F.liveModel()
        let effects = model.submit("maybe", at: F.time(1))
        guard case .sendMessage(let id, _)? = effects.first else {
            Issue.record("no send")
            return
        }
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(3)), at: F.time(2))
        let dropped = "the connection dropped before the server answered"
        _ = model.apply(.sendMessageResult(localID: id, text: "maybe", outcome: .failed(dropped)), at: F.time(2))
        #expect(F.outgoing(model).map(\.delivery) == [.failed(dropped)])
        #expect(F.notices(model) == ["Disconnected.", "Failed to send message \"maybe\": \(dropped)"])
        #expect(model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(3)).isEmpty,
                "a call reported failed is not re-sent")
        // The reconciliation shows it did land.
        let row = ChatMessage(sender: F.me, sent: F.time(1), text: "maybe")
        _ = model.apply(.messageInserted(row), at: F.time(4))
        #expect(F.outgoing(model).isEmpty)
        #expect(F.rows(model) == [row])
        #expect(model.outbox.isEmpty)
    }

    @Test func retryOfALostTextMatchesTheRetryFirst() {
        var model = F.liveModel()
        guard case .sendMessage(let id, _)? = model.submit("again", at: F.time(1)).first else {
            Issue.record("no send")
            return
        }
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(3)), at: F.time(2))
        _ = model.apply(.sendMessageResult(localID: id, text: "again", outcome: .failed("dropped")), at: F.time(2))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(3))
        // It did not land; the user sends it again.
        guard case .sendMessage(let retry, _)? = model.submit("again", at: F.time(4)).first else {
            Issue.record("no retry send")
            return
        }
        _ = model.apply(.messageInserted(ChatMessage(sender: F.me, sent: F.time(5), text: "again")), at: F.time(5))
        _ = model.apply(.sendMessageResult(localID: retry, text: "again", outcome: .committed), at: F.time(5))
        #expect(F.outgoing(model).map(\.delivery) == [.failed("dropped")])
        #expect(F.rows(model).map(\.text) == ["again"])
    }

    @Test func submittedBeforeFirstConnectionGoesOutWhenLive() {
        var model = ChatModel(databaseName: "db", hostLabel: "h")
        #expect(model.submit("early", at: F.time(0)).isEmpty)
        #expect(model.senderName(of: model.log[0]) == "you")
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(1)), at: F.time(1))
        let effects = model.apply(.initialRowsApplied(users: [], messages: []), at: F.time(1))
        #expect(effects.count == 1)
        #expect(F.notices(model).isEmpty, "no Reconnected notice on the first connection")
    }

    @Test func inFlightAtDisconnect() {
        var model = F.liveModel()
        _ = model.submit("landed", at: F.time(1))
        _ = model.submit("/name bob", at: F.time(2))
        _ = model.submit("lost", at: F.time(3))
        _ = model.submit("/name carl", at: F.time(4))
        _ = model.apply(.disconnected(reason: nil), at: F.time(5))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(6))
        // The new snapshot shows "landed" and the name bob took effect; "lost" and carl did not run.
        let landed = ChatMessage(sender: F.me, sent: F.time(1), text: "landed")
        let effects = model.apply(.initialRowsApplied(
            users: [ChatUser(identity: F.me, name: "bob", online: true)], messages: [landed]), at: F.time(7))
        #expect(effects.map(Self.strip) == [.sendMessage(localID: LocalCallID(0), text: "lost"),
                                            .setName(localID: LocalCallID(0), name: "carl")])
        #expect(F.rows(model) == [landed])
        #expect(F.outgoing(model).map(\.text) == ["lost"])
        #expect(F.outgoing(model).map(\.delivery) == [.sending])
        #expect(model.log.entries.filter(\.isMessage).count == 2)
    }

    @Test func unansweredCallBeforeALandedOneFailedSilently() {
        var model = F.liveModel()
        _ = model.submit("", at: F.time(1))
        _ = model.submit("vanished", at: F.time(2))
        _ = model.submit("landed", at: F.time(3))
        _ = model.apply(.disconnected(reason: nil), at: F.time(4))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(5))
        let landed = ChatMessage(sender: F.me, sent: F.time(3), text: "landed")
        let effects = model.apply(.initialRowsApplied(users: [], messages: [landed]), at: F.time(6))
        // The server ran calls in order: "vanished" ran before "landed" and left no row, so it failed.
        #expect(effects.isEmpty)
        #expect(F.outgoing(model).map(\.delivery) == [.failed("no answer before the connection dropped")])
        #expect(F.rows(model) == [landed])
    }

    @Test func committedAwaitingRowMatchesSnapshotRow() {
        var (model, id) = Self.sentHello()
        _ = model.apply(.sendMessageResult(localID: id, text: "hello", outcome: .committed), at: F.time(11))
        _ = model.apply(.disconnected(reason: nil), at: F.time(12))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(13))
        let row = ChatMessage(sender: F.me, sent: F.time(11), text: "hello")
        let effects = model.apply(.initialRowsApplied(users: [], messages: [row]), at: F.time(14))
        #expect(effects.isEmpty, "a committed call is never re-sent")
        #expect(F.rows(model) == [row])
        #expect(F.outgoing(model).isEmpty)
    }

    @Test func quitAndHelpAndUnknown() {
        var model = F.liveModel()
        #expect(model.submit("/quit", at: F.time(1)) == [.quit])
        #expect(model.submit("/help", at: F.time(2)).isEmpty)
        #expect(F.notices(model) == ChatNotice.helpLines)
        #expect(model.submit("/nmae bob", at: F.time(3)).isEmpty)
        #expect(F.notices(model).last == "Unknown command /nmae. Type /help for commands; //text sends /text.")
        #expect(F.rows(model).isEmpty && F.outgoing(model).isEmpty, "commands never become messages")
    }

    @Test func doubleSlashSendsLiterally() {
        var model = F.liveModel()
        let effects = model.submit("//shrug", at: F.time(1))
        #expect(effects.map(Self.strip) == [.sendMessage(localID: LocalCallID(0), text: "/shrug")])
        #expect(F.outgoing(model).map(\.text) == ["/shrug"])
    }

    /// The effect with its local id zeroed, for comparing effect lists.
    static func strip(_ effect: ChatEffect) -> ChatEffect {
        switch effect {
        case .sendMessage(_, let text): .sendMessage(localID: LocalCallID(0), text: text)
        case .setName(_, let name): .setName(localID: LocalCallID(0), name: name)
        case .quit: .quit
        case .loadHistory(let request): .loadHistory(request)
        case .startOverWithNewIdentity: .startOverWithNewIdentity
        case .jumpToUnread: .jumpToUnread
        }
    }
}
