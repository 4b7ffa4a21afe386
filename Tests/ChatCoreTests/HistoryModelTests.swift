@testable import ChatCore
import SpacetimeDB
import Testing

/// The model with a history window: context at start, older pages, reconnects, fallback.
@Suite struct HistoryModelTests {
    typealias F = Fixtures
    static let windowStart = F.time(10_000)

    static func message(_ seconds: Int64, _ text: String? = nil) -> ChatMessage {
        ChatMessage(sender: F.alice, sent: F.time(seconds), text: text ?? "m\(seconds)")
    }

    /// A windowed model (page size 4) connected, with `window` as the window's rows; returns its effects too.
    static func windowedModel(window: [ChatMessage]) -> (ChatModel, [ChatEffect]) {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        model.useHistoryWindow(start: windowStart, pageSize: 4)
        _ = model.apply(.connecting, at: F.time(20_000))
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(7)), at: F.time(20_000))
        let users = [ChatUser(identity: F.me, name: nil, online: true), ChatUser(identity: F.alice, name: "alice", online: true)]
        let effects = model.apply(.initialRowsApplied(users: users, messages: window), at: F.time(20_000))
        return (model, effects)
    }

    static func request(_ effects: [ChatEffect]) -> HistoryPageRequest? {
        for case .loadHistory(let request) in effects { return request }
        return nil
    }

    static func lines(_: Int) -> Int { 1 }

    /// An empty chat pages further and further back; its top notice stays at the window's start
    /// (drawn under that day's rule), not at the oldest range asked for, which after a few empty pages
    /// is decades back and would be drawn as a rule for that date.
    @Test func anEmptyChatsNoticesSitAtTheWindowStart() throws {
        var (model, effects) = Self.windowedModel(window: [])
        let justBeforeTheWindow = Timestamp(microsecondsSinceUnixEpoch: Self.windowStart.microsecondsSinceUnixEpoch - 1)
        var ranges: [Timestamp] = []
        while let request = Self.request(effects) {
            #expect(model.log.count == 1 && F.texts(model) == ["loading older messages…"])
            #expect(model.log[0].time == justBeforeTheWindow, "asked from \(request.from.map { "\($0)" } ?? "the beginning")")
            if let from = request.from { ranges.append(from) }
            effects = model.apply(.historyPageLoaded(requestID: request.id, messages: []), at: F.time(20_001))
        }
        #expect(ranges.count >= 2 && ranges.first.map { $0 < Self.windowStart } == true, "several empty ranges, going back: \(ranges)")
        #expect(F.texts(model) == ["beginning of history"])
        #expect(model.log[0].time == justBeforeTheWindow)
    }

    @Test func contextFillMergesInOrderWithoutDuplicatesWhileLiveMessagesArrive() throws {
        var (model, effects) = Self.windowedModel(window: [Self.message(10_100), Self.message(10_200)])
        let first = try #require(Self.request(effects))
        #expect(first.to == Self.windowStart)
        #expect(F.texts(model).first == "loading older messages…")
        // A live message lands while the page is on its way.
        _ = model.apply(.messageInserted(Self.message(10_300)), at: F.time(20_001))
        // One row in the first hour: the next range is older and twice as wide.
        effects = model.apply(.historyPageLoaded(requestID: first.id, messages: [Self.message(9_000)]), at: F.time(20_002))
        let second = try #require(Self.request(effects))
        #expect(second.to == first.from)
        _ = model.apply(.messageInserted(Self.message(10_400)), at: F.time(20_003))
        effects = model.apply(
            .historyPageLoaded(requestID: second.id, messages: [Self.message(2_000), Self.message(1_000), Self.message(500)]),
            at: F.time(20_004))
        #expect(effects.isEmpty)
        let rows = F.rows(model).map(\.sent.microsecondsSinceUnixEpoch)
        #expect(rows == rows.sorted())
        #expect(Set(F.rows(model)).count == F.rows(model).count)
        // The page wanted 4 rows less the window's 2: one from the first range, the newest one of the second.
        #expect(F.rows(model).map(\.text) == ["m2000", "m9000", "m10100", "m10200", "m10300", "m10400"])
        #expect(!F.notices(model).contains("loading older messages…"))
        // A late answer to the first request changes nothing.
        _ = model.apply(.historyPageLoaded(requestID: first.id, messages: [Self.message(9_000)]), at: F.time(20_005))
        #expect(F.rows(model).count == 6)
    }

    /// A young chat: nothing before the window. The pager widens back to the beginning of time; the
    /// "beginning of history" line must not carry that oldest time (drawn as a date decades back).
    @Test func beginningOfAnEmptyHistoryIsPlacedAtTheWindowStart() throws {
        var (model, effects) = Self.windowedModel(window: [])
        for _ in 0..<64 {
            guard let request = Self.request(effects) else { break }
            effects = model.apply(.historyPageLoaded(requestID: request.id, messages: []), at: F.time(20_001))
        }
        let marker = try #require(model.log.entries.first { $0.content == .notice(.beginningOfHistory) })
        #expect(marker.time.microsecondsSinceUnixEpoch >= Self.windowStart.microsecondsSinceUnixEpoch - 1)
        #expect(F.texts(model).first == "beginning of history")
    }

    @Test func reachingTheTopLoadsAPageAndKeepsTheReadersLine() throws {
        let window = (0..<12).map { Self.message(10_100 + Int64($0)) }
        var (model, effects) = Self.windowedModel(window: window)
        #expect(Self.request(effects) == nil, "a full page in the window: no context needed")
        model.scrollToTop(viewHeight: 5, lineCount: Self.lines)
        let anchored = try #require(model.scroll.anchor.map { model.log[$0.entryIndex].id })
        effects = model.maintainHistory(viewHeight: 5, lineCount: Self.lines)
        let page = try #require(Self.request(effects))
        #expect(F.texts(model).first == "loading older messages…")
        _ = model.apply(.historyPageLoaded(requestID: page.id, messages: (1...4).map { Self.message(9_000 + $0) }), at: F.time(20_001))
        #expect(model.scroll.anchor.map { model.log[$0.entryIndex].id } == anchored, "no jump: the same line stays at the bottom of the view")
        #expect(F.rows(model).count == 16)
        // Not at the top any more: nothing more is asked until the reader goes there.
        #expect(model.maintainHistory(viewHeight: 5, lineCount: Self.lines).isEmpty)
    }

    @Test func theBeginningOfHistoryIsShownAtTheTop() throws {
        var (model, effects) = Self.windowedModel(window: [Self.message(10_100)])
        var request = try #require(Self.request(effects))
        // Empty ranges all the way back: the last one has no lower bound and ends the history.
        while true {
            effects = model.apply(.historyPageLoaded(requestID: request.id, messages: []), at: F.time(20_001))
            guard let next = Self.request(effects) else { break }
            request = next
        }
        #expect(request.from == nil)
        #expect(F.texts(model) == ["beginning of history", "m10100"])
        #expect(model.maintainHistory(viewHeight: 5, lineCount: Self.lines).isEmpty)
    }

    @Test func aPageLostInAReconnectIsAskedAgainWhenLive() throws {
        var (model, effects) = Self.windowedModel(window: [])
        let lost = try #require(Self.request(effects))
        _ = model.apply(.reconnecting(attempt: 1, nextAttemptAt: F.time(20_010)), at: F.time(20_001))
        effects = model.apply(.historyPageFailed(requestID: lost.id, reason: "disconnected", connectionLost: true), at: F.time(20_001))
        #expect(effects.isEmpty, "not sent while the connection is down")
        #expect(F.texts(model).first == "loading older messages…", "still loading, not a hole")
        effects = model.apply(.reconnected, at: F.time(20_010))
        let retry = try #require(Self.request(effects))
        #expect(retry.from == lost.from && retry.to == lost.to && retry.id != lost.id)
        _ = model.apply(.historyPageLoaded(requestID: retry.id, messages: (1...4).map { Self.message(9_000 + $0) }), at: F.time(20_011))
        #expect(F.rows(model).map(\.text) == ["m9001", "m9002", "m9003", "m9004"])
    }

    @Test func aRefusedPageFailsVisibly() throws {
        var (model, effects) = Self.windowedModel(window: [])
        let request = try #require(Self.request(effects))
        _ = model.apply(.historyPageFailed(requestID: request.id, reason: "query failed: boom", connectionLost: false), at: F.time(20_001))
        #expect(F.notices(model) == ["Could not load older messages: query failed: boom"])
        // Reaching the top again asks again.
        let retry = Self.request(model.maintainHistory(viewHeight: 5, lineCount: Self.lines))
        #expect(retry?.to == request.to)
    }

    @Test func aRefusedWindowFallsBackToEveryMessage() {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        model.useHistoryWindow(start: Self.windowStart, pageSize: 4)
        _ = model.apply(.connected(identity: F.me, connectionID: ConnectionId(7)), at: F.time(20_000))
        _ = model.apply(.historyWindowRefused(reason: "`sent` cannot be parsed"), at: F.time(20_000))
        let effects = model.apply(
            .initialRowsApplied(users: [], messages: [Self.message(1), Self.message(10_100)]), at: F.time(20_000))
        #expect(effects.isEmpty)
        #expect(!model.history.isWindowed)
        #expect(F.notices(model) == ["The server refused the history window (`sent` cannot be parsed); loading every message instead."])
        #expect(F.rows(model).count == 2)
        #expect(model.maintainHistory(viewHeight: 1, lineCount: Self.lines).isEmpty)
    }

    @Test func backAtTheBottomFarPagesAreDroppedAndCanComeBack() throws {
        var (model, _) = Self.windowedModel(window: (0..<6).map { Self.message(10_100 + Int64($0)) })
        // Four pages of four, each fetched from the top.
        for page in 0..<4 {
            model.scrollToTop(viewHeight: 3, lineCount: Self.lines)
            let request = try #require(Self.request(model.maintainHistory(viewHeight: 3, lineCount: Self.lines)))
            let rows = (1...4).map { Self.message(9_000 - Int64(page * 10) - $0) }
            _ = model.apply(.historyPageLoaded(requestID: request.id, messages: rows), at: F.time(20_001))
        }
        #expect(F.rows(model).count == 22)
        model.scrollToEnd()
        _ = model.maintainHistory(viewHeight: 3, lineCount: Self.lines)
        // keepLimit is 3 pages (12 rows): 16 older rows are over it, so all but the newest page go.
        #expect(F.rows(model).count == 10)
        #expect(F.rows(model).first?.text == "m8996")
        model.scrollToTop(viewHeight: 3, lineCount: Self.lines)
        let again = try #require(Self.request(model.maintainHistory(viewHeight: 3, lineCount: Self.lines)))
        #expect(again.to == F.time(8_996))
    }
}

extension HistoryModelTests {
    /// A big window and pages answered with more rows than wanted: every visit to the top asks again.
    @Test func everyVisitToTheTopAsksForTheNextPage() throws {
        let window = (0..<3600).map { Self.message(10_000 + Int64($0)) }
        var (model, _) = Self.windowedModel(window: window)
        var oldest: Int64 = 10_000
        for page in 0..<5 {
            model.scrollToTop(viewHeight: 27, lineCount: Self.lines)
            let request = try #require(Self.request(model.maintainHistory(viewHeight: 27, lineCount: Self.lines)), "page \(page)")
            let rows = (1...3600).map { Self.message(oldest - Int64($0)) }
            _ = model.apply(.historyPageLoaded(requestID: request.id, messages: rows), at: F.time(20_001))
            #expect(F.rows(model).first?.sent == F.time(oldest - 4))
            oldest -= 4
        }
    }
}
