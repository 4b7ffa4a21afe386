extension Timestamp {
    /// The timestamp as RFC 3339 in UTC with microseconds, e.g. `2026-12-06T05:54:38.123456Z`:
    /// the text SpacetimeDB's SQL parses as a timestamp literal (`Timestamp::parse_from_rfc3339`).
    public var rfc3339: String {
        let micros = microsecondsSinceUnixEpoch
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        let wholeSeconds = fraction < 0 ? seconds - 1 : seconds
        let microsOfSecond = fraction < 0 ? fraction + 1_000_000 : fraction
        let (days, secondOfDay) = wholeSeconds.quotientAndRemainder(dividingBy: 86_400)
        let day = secondOfDay < 0 ? days - 1 : days
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let date = CivilDate(daysSinceUnixEpoch: day)
        return "\(Timestamp.pad(date.year, 4))-\(Timestamp.pad(date.month, 2))-\(Timestamp.pad(date.day, 2))T"
            + "\(Timestamp.pad(second / 3600, 2)):\(Timestamp.pad(second / 60 % 60, 2)):\(Timestamp.pad(second % 60, 2))"
            + ".\(Timestamp.pad(microsOfSecond, 6))Z"
    }

    /// Parses RFC 3339 (`2026-12-06T05:54:38Z`, `2026-12-06 07:54:38.5+02:00`): `T`, `t` or a space
    /// between date and time, any number of fraction digits (kept to the microsecond, the rest cut
    /// off), `Z`, `z` or `±HH:MM`. Nil for anything else, or a time outside the `i64` microsecond range.
    public init?(rfc3339 text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take("-"), let month = scanner.number(digits: 2),
            scanner.take("-"), let day = scanner.number(digits: 2), scanner.takeAny(["T", "t", " "]),
            let hour = scanner.number(digits: 2), scanner.take(":"), let minute = scanner.number(digits: 2),
            scanner.take(":"), let second = scanner.number(digits: 2)
        else { return nil }
        var micros: Int64 = 0
        if scanner.take(".") {
            guard let fraction = scanner.fractionMicros() else { return nil }
            micros = fraction
        }
        var offsetSeconds: Int64 = 0
        if !scanner.takeAny(["Z", "z"]) {
            let sign: Int64
            if scanner.take("+") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
            guard let offsetHour = scanner.number(digits: 2), scanner.take(":"), let offsetMinute = scanner.number(digits: 2),
                offsetHour < 24, offsetMinute < 60
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        }
        guard scanner.isAtEnd, (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        let days = CivilDate.daysSinceUnixEpoch(year: year, month: month, day: day)
        // A leap second (:60) is read as the last microsecond of its minute's :59, as chrono does.
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { return nil }
        let (total, overflowAdding) = product.addingReportingOverflow(second == 60 ? 999_999 : micros)
        guard !overflowAdding else { return nil }
        self.init(microsecondsSinceUnixEpoch: total)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A proleptic Gregorian date, converted to and from days since 1970-01-01 (Howard Hinnant's algorithms).
struct CivilDate: Equatable {
    var year: Int64
    var month: Int64
    var day: Int64

    init(daysSinceUnixEpoch days: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func daysSinceUnixEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Reads fixed-width decimal fields and punctuation from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func number(digits: Int) -> Int64? {
        guard index + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<(index + digits)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        index += digits
        return value
    }

    /// One or more digits after the point, as microseconds (digits past the sixth are dropped).
    mutating func fractionMicros() -> Int64? {
        var micros: Int64 = 0
        var count = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            if count < 6 { micros = micros * 10 + Int64(bytes[index] - UInt8(ascii: "0")) }
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 6) { micros *= 10 }
        return micros
    }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func takeAny(_ characters: [Unicode.Scalar]) -> Bool {
        characters.contains { take($0) }
    }
}
