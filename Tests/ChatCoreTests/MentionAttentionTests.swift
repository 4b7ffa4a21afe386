@testable import ChatCore
import SpacetimeDB
import Testing

/// The model feeding the attention core: which arrivals count, the bar's mention count, the marker
/// and the jump to it, `/bell` and `/unread`.
@Suite struct MentionAttentionTests {
    typealias F = Fixtures

    /// Entry i wraps to 1 + i % 3 lines.
    static func lines(_ index: Int) -> Int { 1 + index % 3 }

    /// A live model as "dana" with 30 messages from alice.
    static func model() -> ChatModel {
        F.liveModel(
            users: [ChatUser(identity: F.me, name: "dana", online: true), ChatUser(identity: F.alice, name: "alice", online: true)],
            messages: (0..<30).map { ChatMessage(sender: F.alice, sent: F.time(100 + Int64($0)), text: "m\($0)") })
    }

    static func arrive(_ model: inout ChatModel, from sender: Identity = F.alice, _ text: String, at second: Int64) {
        _ = model.apply(.messageInserted(ChatMessage(sender: sender, sent: F.time(second), text: text)), at: F.time(second))
    }

    @Test func historyAndPresentArrivalsDoNotCount() {
        var model = Self.model()
        Self.arrive(&model, "hi dana", at: 500)
        let settled1 = model.settleAttention()
        #expect(settled1 == [])
        #expect(model.attention.marker == nil)
        #expect(model.unreadMarkerIndex == nil)
    }

    @Test func scrolledUpTheBarCountsMentionsAmongTheNewMessages() {
        var model = Self.model()
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        Self.arrive(&model, "plain", at: 500)
        Self.arrive(&model, "DANA: look", at: 501)
        Self.arrive(&model, "malicedana is not you", at: 502)
        Self.arrive(&model, from: F.me, "dana talking to myself from another window", at: 503)
        Self.arrive(&model, "@dana again", at: 504)
        #expect(model.unreadCount == 5)
        #expect(model.scroll.unreadMentionCount == 2)
        let settled2 = model.settleAttention()
        #expect(settled2 == [.ringBell, .saveTitle, .setTitle("(2) spacetime-chat")])
        // The marker is the first message from someone else that arrived while scrolled up.
        let marked = model.unreadMarkerIndex.map { model.log[$0].content }
        #expect(marked == .message(ChatMessage(sender: F.alice, sent: F.time(500), text: "plain")))
        model.scrollToEnd()
        #expect(model.scroll.unreadMentionCount == 0)
        let settled3 = model.settleAttention()
        #expect(settled3 == [.setTitle("spacetime-chat")])
        #expect(model.unreadMarkerIndex != nil, "the marker stays once the reader is back")
    }

    @Test func unfocusedAtTheEndCountsInTheTitleNotTheBar() {
        var model = Self.model()
        model.terminalFocusChanged(false)
        Self.arrive(&model, "dana?", at: 500)
        #expect(model.unreadCount == 0, "following: nothing is below")
        let settled4 = model.settleAttention()
        #expect(settled4 == [.ringBell, .saveTitle, .setTitle("(1) spacetime-chat")])
        model.terminalFocusChanged(true)
        let settled5 = model.settleAttention()
        #expect(settled5 == [.setTitle("spacetime-chat")])
    }

    /// Alt-U puts the marker's entry (its first line: the `── new ──` rule) on the top row of a view
    /// with the bar, whatever came after it.
    @Test func jumpPutsTheMarkerOnTheTopRow() throws {
        var model = Self.model()
        model.terminalFocusChanged(false)
        for second in 500..<520 { Self.arrive(&model, "later \(second)", at: Int64(second)) }
        model.terminalFocusChanged(true)
        _ = model.settleAttention()
        let marker = try #require(model.unreadMarkerIndex)
        let jumped = model.jumpToUnread(viewHeight: 6, lineCount: Self.lines)
        #expect(jumped)
        let bottom = try #require(model.scroll.anchor)
        // The bar takes one of the 6 rows: the top row is 4 lines above the anchor.
        let top = ScrollState.moveUp(bottom, by: 4, lineCount: Self.lines)
        #expect(top.line == LogAnchor(entryIndex: marker, lineOffset: 0))
        #expect(top.remaining == 0)
    }

    @Test func jumpWithoutAMarkerDoesNothing() {
        var model = Self.model()
        let jumped = model.jumpToUnread(viewHeight: 6, lineCount: Self.lines)
        #expect(!jumped)
        #expect(model.scroll.isFollowing)
        let effects = model.submit("/unread", at: F.time(600))
        #expect(effects == [.jumpToUnread])
    }

    @Test func jumpNearTheEndFollows() throws {
        var model = Self.model()
        model.terminalFocusChanged(false)
        Self.arrive(&model, "just one", at: 500)
        let jumped = model.jumpToUnread(viewHeight: 6, lineCount: Self.lines)
        #expect(jumped)
        #expect(model.scroll.isFollowing, "the rest of the log fits below the marker")
    }

    /// Rows sent while we were disconnected arrive with the new snapshot: they reach the reader
    /// like live ones. The first snapshot is history and never does.
    @Test func rowsMissedWhileDisconnectedCount() {
        var model = Self.model()
        #expect(model.attention.marker == nil)
        model.terminalFocusChanged(false)
        _ = model.apply(.disconnected(reason: nil), at: F.time(400))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(8)), at: F.time(401))
        var rows = (0..<30).map { ChatMessage(sender: F.alice, sent: F.time(100 + Int64($0)), text: "m\($0)") }
        rows.append(ChatMessage(sender: F.alice, sent: F.time(450), text: "dana, you there?"))
        _ = model.apply(
            .initialRowsApplied(
                users: [ChatUser(identity: F.me, name: "dana", online: true), ChatUser(identity: F.alice, name: "alice", online: true)],
                messages: rows),
            at: F.time(460))
        let settled6 = model.settleAttention()
        #expect(settled6 == [.ringBell, .saveTitle, .setTitle("(1) spacetime-chat")])
        #expect(model.unreadMarkerIndex.map { model.log[$0].time } == F.time(450))
    }

    @Test func bellCommandSaysAndSets() {
        var model = Self.model()
        _ = model.submit("/bell off", at: F.time(600))
        #expect(!model.attention.bellEnabled)
        #expect(F.notices(model).last == "Bell on mentions: off. /bell on or /bell off changes it.")
        _ = model.submit("/bell", at: F.time(601))
        #expect(!model.attention.bellEnabled)
        #expect(F.notices(model).last == "Bell on mentions: off. /bell on or /bell off changes it.")
        _ = model.submit("/bell on", at: F.time(602))
        #expect(model.attention.bellEnabled)
        model.terminalFocusChanged(false)
        Self.arrive(&model, "dana", at: 700)
        let actions = model.settleAttention()
        #expect(actions.first == .ringBell)
    }
}
