@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct ScrollTests {
    typealias F = Fixtures

    /// Entry i wraps to 1 + i % 3 lines.
    static func lines(_ index: Int) -> Int { 1 + index % 3 }

    /// A live model with `count` messages from alice at t = 100, 101, ….
    static func model(count: Int) -> ChatModel {
        F.liveModel(users: [ChatUser(identity: F.alice, name: "alice", online: true)],
                    messages: (0..<count).map { ChatMessage(sender: F.alice, sent: F.time(100 + Int64($0)), text: "m\($0)") })
    }

    /// The anchored entry's id, to check that the reader's place survives insertions.
    static func anchoredID(_ model: ChatModel) -> EntryID? {
        model.scroll.anchor.map { model.log[$0.entryIndex].id }
    }

    @Test func followsByDefault() {
        let model = Self.model(count: 10)
        #expect(model.scroll.isFollowing)
        #expect(model.bottomLine(lineCount: Self.lines) == LogAnchor(entryIndex: 9, lineOffset: 0))
    }

    @Test(arguments: [
        // (lines up, expected anchor): entry 9 has 1 line, 8 has 3, 7 has 2.
        (1, LogAnchor(entryIndex: 8, lineOffset: 2)),
        (3, LogAnchor(entryIndex: 8, lineOffset: 0)),
        (4, LogAnchor(entryIndex: 7, lineOffset: 1)),
        (6, LogAnchor(entryIndex: 6, lineOffset: 0)),
    ])
    func scrollUpByLines(up: Int, expected: LogAnchor) {
        var model = Self.model(count: 10)
        model.scroll(byLines: -up, viewHeight: 5, lineCount: Self.lines)
        #expect(model.scroll.anchor == expected)
        #expect(!model.scroll.isFollowing)
    }

    @Test func scrollingBackDownToTheEndFollowsAgain() {
        var model = Self.model(count: 10)
        model.scroll(byLines: -4, viewHeight: 5, lineCount: Self.lines)
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(500), text: "new")), at: F.time(500))
        #expect(model.unreadCount == 1)
        model.scroll(byLines: 2, viewHeight: 5, lineCount: Self.lines)
        #expect(!model.scroll.isFollowing)
        #expect(model.unreadCount == 1)
        model.scroll(byLines: 100, viewHeight: 5, lineCount: Self.lines)
        #expect(model.scroll.isFollowing)
        #expect(model.unreadCount == 0)
    }

    @Test func readerKeepsPlaceAndCountsUnread() {
        var model = Self.model(count: 20)
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        let anchored = Self.anchoredID(model)
        let offset = model.scroll.anchor?.lineOffset
        #expect(anchored != nil)
        // New messages below, a notice below, older history above, and a confirmed row of ours.
        for second in 0..<5 {
            _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(1000 + Int64(second)), text: "n")),
                            at: F.time(1000))
        }
        _ = model.apply(.userInserted(ChatUser(identity: F.bob, name: "bob", online: true)), at: F.time(1010))
        for second in 0..<7 {
            _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: F.time(Int64(second)), text: "old")),
                            at: F.time(1020))
        }
        #expect(model.unreadCount == 5, "only messages below the view count; notices and older rows do not")
        #expect(Self.anchoredID(model) == anchored)
        #expect(model.scroll.anchor?.lineOffset == offset)
        model.scrollToEnd()
        #expect(model.unreadCount == 0)
        #expect(model.scroll.isFollowing)
    }

    @Test func insertJustAboveOrBelowTheAnchoredEntry() throws {
        var model = Self.model(count: 20)
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        let anchor = try #require(model.scroll.anchor)
        let anchored = model.log[anchor.entryIndex]
        let micros = anchored.time.microsecondsSinceUnixEpoch
        // Just before the anchored entry: it lands at the anchor's index and pushes the entry down.
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: Timestamp(microsecondsSinceUnixEpoch: micros - 1),
                                                     text: "before")), at: F.time(500))
        #expect(Self.anchoredID(model) == anchored.id)
        #expect(model.unreadCount == 0)
        // At the same time as the anchored entry: it goes after it, below the view's bottom line.
        _ = model.apply(.messageInserted(ChatMessage(sender: F.bob, sent: anchored.time, text: "same")), at: F.time(500))
        #expect(Self.anchoredID(model) == anchored.id)
        #expect(model.unreadCount == 1)
    }

    @Test func mergedRowJustBeforeTheAnchoredEntry() throws {
        var model = Self.model(count: 20)
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        let anchored = model.log[try #require(model.scroll.anchor).entryIndex]
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(300)), at: F.time(300))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(5)), at: F.time(300))
        let justBefore = Timestamp(microsecondsSinceUnixEpoch: anchored.time.microsecondsSinceUnixEpoch - 1)
        let before = ChatMessage(sender: F.bob, sent: justBefore, text: "gap")
        _ = model.apply(.initialRowsApplied(users: [], messages: F.rows(model) + [before]), at: F.time(301))
        #expect(Self.anchoredID(model) == anchored.id)
        #expect(model.unreadCount == 0)
    }

    @Test func ownRowMovingToJustBeforeTheAnchoredEntry() throws {
        var model = Self.model(count: 20)
        _ = model.submit("mine", at: F.time(400))
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        let anchored = model.log[try #require(model.scroll.anchor).entryIndex]
        // The server's clock says our message was sent just before the entry the reader looks at.
        let justBefore = Timestamp(microsecondsSinceUnixEpoch: anchored.time.microsecondsSinceUnixEpoch - 1)
        let row = ChatMessage(sender: F.me, sent: justBefore, text: "mine")
        _ = model.apply(.messageInserted(row), at: F.time(401))
        #expect(F.outgoing(model).isEmpty)
        #expect(Self.anchoredID(model) == anchored.id)
        #expect(model.unreadCount == 0)
    }

    @Test func historyMergedAroundTheAnchorKeepsIt() {
        var model = Self.model(count: 20)
        model.scroll(byLines: -8, viewHeight: 5, lineCount: Self.lines)
        let anchored = Self.anchoredID(model)
        _ = model.apply(.disconnected(reason: nil), at: F.time(200))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(2)), at: F.time(201))
        let existing = F.rows(model)
        let older = (0..<30).map { ChatMessage(sender: F.bob, sent: F.time(Int64($0)), text: "old\($0)") }
        let newer = (0..<4).map { ChatMessage(sender: F.bob, sent: F.time(150 + Int64($0)), text: "new\($0)") }
        _ = model.apply(.initialRowsApplied(users: [], messages: newer + existing + older), at: F.time(202))
        #expect(Self.anchoredID(model) == anchored)
        #expect(model.unreadCount == 4)
    }

    @Test func submitJumpsToEnd() {
        var model = Self.model(count: 20)
        model.scroll(byLines: -8, viewHeight: 5, lineCount: Self.lines)
        _ = model.apply(.messageInserted(ChatMessage(sender: F.alice, sent: F.time(500), text: "x")), at: F.time(500))
        _ = model.submit("reply", at: F.time(501))
        #expect(model.scroll.isFollowing)
        #expect(model.unreadCount == 0)
    }

    @Test func scrollToTopPutsFirstLineOnTopRow() {
        var model = Self.model(count: 10)
        model.scrollToTop(viewHeight: 5, lineCount: Self.lines)
        // Entries 0, 1, 2 have 1, 2, 3 lines. Scrolled up, row 5 is the "more below" bar, so rows
        // 1..4 are entry 0, entry 1 (2 lines) and the first line of entry 2.
        #expect(model.scroll.anchor == LogAnchor(entryIndex: 2, lineOffset: 0))
        var scrolledFar = Self.model(count: 10)
        scrolledFar.scroll(byLines: -1_000, viewHeight: 5, lineCount: Self.lines)
        #expect(scrolledFar.scroll.anchor == model.scroll.anchor, "scrolling never passes the top")
        scrolledFar.scroll(byLines: Int.min, viewHeight: 5, lineCount: Self.lines)
        #expect(scrolledFar.scroll.anchor == model.scroll.anchor)
    }

    @Test func shortLogCannotScroll() {
        var model = Self.model(count: 2) // 1 + 2 lines, view of 5
        model.scroll(byLines: -1, viewHeight: 5, lineCount: Self.lines)
        #expect(model.scroll.isFollowing)
        model.scrollToTop(viewHeight: 5, lineCount: Self.lines)
        #expect(model.scroll.isFollowing)
        var empty = F.liveModel()
        empty.scroll(byLines: -3, viewHeight: 5, lineCount: Self.lines)
        empty.pageUp(pageSize: 5, lineCount: Self.lines)
        #expect(empty.scroll.isFollowing)
        #expect(empty.bottomLine(lineCount: Self.lines) == nil)
    }

    @Test func pagesOverlapByOneLine() {
        var model = Self.model(count: 30)
        model.pageUp(pageSize: 5, lineCount: Self.lines)
        // From (29, 2) up 4 lines: (29, 0) is 2 up, (28, 1) 3 up, (28, 0) 4 up.
        #expect(model.scroll.anchor == LogAnchor(entryIndex: 28, lineOffset: 0))
        model.pageUp(pageSize: 5, lineCount: Self.lines)
        model.pageDown(pageSize: 5, lineCount: Self.lines)
        #expect(model.scroll.anchor == LogAnchor(entryIndex: 28, lineOffset: 0))
        model.pageDown(pageSize: 5, lineCount: Self.lines)
        #expect(model.scroll.isFollowing)
    }

    @Test func resizeKeepsTheEntryAndClampsItsLine() {
        var model = Self.model(count: 30)
        model.scroll(byLines: -9, viewHeight: 5, lineCount: Self.lines)
        let anchored = Self.anchoredID(model)
        // Wider terminal: everything fits on one line now.
        let narrowAnchor = model.scroll.anchor
        model.clampScroll(viewHeight: 5, lineCount: { _ in 1 })
        #expect(Self.anchoredID(model) == anchored)
        #expect(model.scroll.anchor?.lineOffset == 0)
        #expect(model.scroll.anchor?.entryIndex == narrowAnchor?.entryIndex)
        // A much taller terminal: the top of the log cannot sink below the top row.
        model.clampScroll(viewHeight: 1_000, lineCount: { _ in 1 })
        #expect(model.scroll.isFollowing)
    }

    @Test func unreadIgnoresOwnConfirmation() {
        var model = Self.model(count: 20)
        _ = model.submit("mine", at: F.time(200))
        model.scroll(byLines: -10, viewHeight: 5, lineCount: Self.lines)
        _ = model.apply(.messageInserted(ChatMessage(sender: F.me, sent: F.time(201), text: "mine")), at: F.time(201))
        #expect(model.unreadCount == 0)
    }
}
