import Foundation
import SpacetimeDB

/// Local-calendar facts about timestamps, for the `HH:MM` column and day separators.
///
/// The time zone is passed in (the app uses `TimeZone.current`), so tests are deterministic.
public struct LogCalendar: Sendable {
    /// A calendar date.
    public struct Day: Hashable, Sendable, Comparable {
        /// The year, e.g. 2026.
        public var year: Int
        /// The month, 1–12.
        public var month: Int
        /// The day of the month, 1–31.
        public var day: Int

        /// Creates a date.
        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        /// Orders dates chronologically.
        public static func < (lhs: Day, rhs: Day) -> Bool {
            (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
        }
    }

    private let calendar: Calendar

    /// A Gregorian calendar in `timeZone`.
    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The local date of `time`.
    public func day(of time: Timestamp) -> Day {
        let parts = calendar.dateComponents([.year, .month, .day], from: time.date)
        return Day(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }

    /// The local time of day of `time` as `HH:MM`.
    public func clockText(of time: Timestamp) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: time.date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// Whether a day separator belongs above entry `index`: true for the first entry and whenever the
    /// local date differs from the previous entry's.
    public func startsNewDay(at index: Int, in log: ChatLog) -> Bool {
        guard index > 0 else { return index == 0 && !log.isEmpty }
        return day(of: log[index].time) != day(of: log[index - 1].time)
    }

    /// The indices of the entries that start a new local day, over the range `range` of the log.
    public func dayStarts(in log: ChatLog, range: Range<Int>) -> [Int] {
        range.filter { startsNewDay(at: $0, in: log) }
    }
}
