@testable import ChatCore
import SpacetimeDB
import Testing

@Suite struct HistoryPagerTests {
    typealias F = Fixtures

    /// `#require` for a value computed by a mutating call (macros cannot take one).
    func unwrap<T>(_ value: T?, sourceLocation: SourceLocation = #_sourceLocation) throws -> T {
        try #require(value, sourceLocation: sourceLocation)
    }
    static let hour: Int64 = 3_600_000_000
    static let start = F.time(100_000)

    static func message(_ seconds: Int64, _ text: String = "") -> ChatMessage {
        ChatMessage(sender: F.alice, sent: F.time(seconds), text: text.isEmpty ? "m\(seconds)" : text)
    }

    static func micros(_ timestamp: Timestamp?) -> Int64? { timestamp?.microsecondsSinceUnixEpoch }

    @Test func aFullWindowNeedsNoContextAndAFullSubscriptionNeverPages() {
        var windowed = HistoryPager(windowStart: Self.start, pageSize: 10)
        let step1 = windowed.windowApplied(rowCount: 10)
        #expect(step1 == nil)
        #expect(windowed.loadedFrom == Self.start)
        let step2 = windowed.windowApplied(rowCount: 0)
        #expect(step2 == nil, "a second snapshot (reconnect) changes nothing")
        var full = HistoryPager(windowStart: nil, pageSize: 10)
        let step3 = full.windowApplied(rowCount: 0)
        #expect(step3 == nil)
        let step4 = full.reachedTop()
        #expect(step4 == nil)
        #expect(full.reachedBeginning)
    }

    /// Each step: rows the answer holds (seconds before the window start) → the next range asked for
    /// (hours before the window start, nil lower bound = back to the beginning), or nil when done.
    @Test(arguments: [
        // Enough in the first hour: one request.
        ([[10, 20, 30, 40, 50]], [Optional(Optional(1)), nil], false),
        // Two rows, then the doubled range brings the rest.
        ([[10, 20], [4000, 5000, 6000]], [Optional(Optional(1)), Optional(Optional(3)), nil], false),
        // Empty ranges widen fourfold, twice, then a hit.
        ([[], [], [30000, 40000, 50000, 60000, 70000]], [Optional(Optional(1)), Optional(Optional(5)), Optional(Optional(21)), nil], false),
    ] as [([[Int64]], [Int64??], Bool)])
    func widensUntilAPageIsFull(answers: [[Int64]], lowerBoundsInHours: [Int64??], beginning: Bool) throws {
        var pager = HistoryPager(windowStart: Self.start, pageSize: 5, initialSpan: TimeDuration(microseconds: Self.hour))
        var request = try unwrap(pager.windowApplied(rowCount: 0))
        var merged: [ChatMessage] = []
        for (step, answer) in answers.enumerated() {
            let expectedLower = try #require(lowerBoundsInHours[step])
            #expect(Self.micros(request.from) == expectedLower.map { Self.micros(Self.start)! - $0 * Self.hour })
            let rows = answer.map { Self.message(100_000 - $0) }
            let receipt = try unwrap(pager.received(requestID: request.id, rows: rows.shuffled()))
            merged = receipt.rows + merged
            if let next = receipt.next {
                #expect(next.to == request.from)
                request = next
            } else {
                #expect(step == answers.count - 1)
            }
        }
        #expect(merged.count == 5)
        #expect(merged.map(\.sent) == merged.map(\.sent).sorted())
        #expect(pager.loadedFrom == merged.first?.sent)
        #expect(pager.reachedBeginning == beginning)
        #expect(pager.inFlight == nil)
    }

    @Test func tooManyRowsKeepTheNewestAndEveryTie() throws {
        var pager = HistoryPager(windowStart: Self.start, pageSize: 3)
        let request = try unwrap(pager.windowApplied(rowCount: 0))
        // Times 10, 20, 20, 30, 40 seconds before the start: the newest three are 40…20, and the other 20 ties.
        let rows = [10, 20, 20, 30, 40].map { Self.message(100_000 - 50 + $0, "t\($0)") }
        let receipt = try unwrap(pager.received(requestID: request.id, rows: rows))
        #expect(receipt.rows.map(\.text) == ["t20", "t20", "t30", "t40"])
        #expect(receipt.next == nil)
        #expect(pager.loadedFrom == F.time(100_000 - 30))
        // The next page continues strictly before what is loaded, with a span sized to the density
        // seen (5 rows in the first hour, 3 wanted: 0.9 h), not the first hour again.
        let older = try unwrap(pager.reachedTop())
        #expect(older.to == F.time(100_000 - 30))
        #expect(Self.micros(older.from) == Self.micros(older.to)! - Self.hour * 9 / 10)
    }

    @Test func theBeginningIsAnUnboundedRangeBeforeTheEpoch() throws {
        var pager = HistoryPager(windowStart: Timestamp(microsecondsSinceUnixEpoch: 2 * Self.hour), pageSize: 5)
        let first = try unwrap(pager.windowApplied(rowCount: 0))
        #expect(Self.micros(first.from) == Self.hour)
        let second = try unwrap(pager.received(requestID: first.id, rows: [])?.next)
        #expect(second.from == nil, "4 h before a start 2 h after the epoch: ask for everything older")
        #expect(second.sql == "SELECT * FROM message WHERE sent < '1970-01-01T01:00:00.000000Z'")
        let last = try unwrap(pager.received(requestID: second.id, rows: [Self.message(-1_795_910_400 + 60)]))
        #expect(last.next == nil && last.rows.count == 1)
        #expect(pager.reachedBeginning)
        let step5 = pager.reachedTop()
        #expect(step5 == nil)
    }

    @Test func staleAndRepeatedAnswersAreIgnored() throws {
        var pager = HistoryPager(windowStart: Self.start, pageSize: 5)
        let request = try unwrap(pager.windowApplied(rowCount: 0))
        let step6 = pager.received(requestID: request.id + 7, rows: [Self.message(1)])
        #expect(step6 == nil)
        let step7 = pager.reachedTop()
        #expect(step7 == nil, "one page at a time")
        _ = pager.received(requestID: request.id, rows: (1...5).map { Self.message(100_000 - $0) })
        let step8 = pager.received(requestID: request.id, rows: [Self.message(1)])
        #expect(step8 == nil)
    }

    @Test func aRequestLostWithTheConnectionIsSentAgainWhenLive() throws {
        var pager = HistoryPager(windowStart: Self.start, pageSize: 5)
        let request = try unwrap(pager.windowApplied(rowCount: 0))
        let step9 = pager.failed(requestID: request.id, connectionLost: true)
        #expect(step9)
        let step10 = pager.reachedTop()
        #expect(step10 == nil, "still in flight: it will be retried")
        let retry = try unwrap(pager.resumed())
        #expect(retry.from == request.from && retry.to == request.to && retry.id != request.id)
        let step11 = pager.resumed()
        #expect(step11 == nil)
        // A refusal abandons the page; the reader can ask again.
        let step12 = pager.failed(requestID: retry.id, connectionLost: false)
        #expect(step12)
        #expect(pager.inFlight == nil)
        let step13 = pager.reachedTop()
        #expect(step13?.to == request.to)
    }

    @Test func backAtTheBottomPagesFarAboveAreDropped() throws {
        var pager = HistoryPager(windowStart: Self.start, pageSize: 2)
        var request = try unwrap(pager.windowApplied(rowCount: 0))
        var times: [Timestamp] = []
        for page in 0..<4 {
            let rows = (0..<2).map { Self.message(100_000 - Int64(page * 10 + $0 + 1)) }
            times = rows.map(\.sent).sorted() + times
            _ = pager.received(requestID: request.id, rows: rows)
            if page < 3 { request = try unwrap(pager.reachedTop()) }
        }
        #expect(times.count == 8 && pager.keepLimit == 6)
        let cut = try unwrap(pager.trim(olderMessageTimes: times))
        #expect(cut == times[6])
        #expect(pager.loadedFrom == cut && !pager.reachedBeginning)
        let step14 = pager.trim(olderMessageTimes: Array(times[6...]))
        #expect(step14 == nil)
        let step15 = pager.reachedTop()
        #expect(step15?.to == cut)
    }

    @Test(arguments: [
        ("30m", Optional(HistorySince.last(microseconds: 1_800_000_000))), ("24h", .last(microseconds: 86_400_000_000)),
        ("7d", .last(microseconds: 604_800_000_000)), ("all", .all), ("ALL", .all), ("90s", .last(microseconds: 90_000_000)),
        ("0h", nil), ("-1h", nil), ("1y", nil), ("h", nil), ("", nil), ("99999999999999w", nil),
    ])
    func sinceParsing(text: String, expected: HistorySince?) {
        #expect(HistorySince(text) == expected)
        if let expected { #expect(HistorySince(expected.description) == expected) }
    }
}
