@testable import ChatCore
import Foundation
import SpacetimeDB
import Testing

@Suite struct LogCalendarTests {
    typealias F = Fixtures

    @Test func dayChangesFollowTheTimeZone() throws {
        // 2026-11-29 22:30 UTC, 23:30 UTC, 2026-11-30 00:30 UTC.
        let times: [Int64] = [22 * 3600 + 1800, 23 * 3600 + 1800, 24 * 3600 + 1800]
        let model = F.liveModel(messages: times.map { ChatMessage(sender: F.alice, sent: F.time($0), text: "x") })
        let utc = LogCalendar(timeZone: try #require(TimeZone(identifier: "UTC")))
        #expect(utc.dayStarts(in: model.log, range: 0..<3) == [0, 2])
        #expect(utc.day(of: model.log[2].time) == LogCalendar.Day(year: 2026, month: 11, day: 30))
        #expect(utc.clockText(of: model.log[0].time) == "22:30")
        // One hour east of UTC the change falls one message earlier.
        let east = LogCalendar(timeZone: try #require(TimeZone(secondsFromGMT: 3600)))
        #expect(east.dayStarts(in: model.log, range: 0..<3) == [0, 1])
        #expect(east.clockText(of: model.log[1].time) == "00:30")
        // Far west, all three are on the 29th.
        let west = LogCalendar(timeZone: try #require(TimeZone(secondsFromGMT: -5 * 3600)))
        #expect(west.dayStarts(in: model.log, range: 0..<3) == [0])
        #expect(west.clockText(of: model.log[0].time) == "17:30")
    }
}
