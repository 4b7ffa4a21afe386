import Foundation

/// A point in time: microseconds since the Unix epoch, an `i64` on the wire.
public struct Timestamp: Hashable, Sendable, Comparable, BSATNCodable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z; negative before it.
    public var microsecondsSinceUnixEpoch: Int64

    /// Creates a timestamp from microseconds since the Unix epoch.
    @inlinable public init(microsecondsSinceUnixEpoch: Int64) {
        self.microsecondsSinceUnixEpoch = microsecondsSinceUnixEpoch
    }

    /// The Unix epoch.
    public static let unixEpoch = Timestamp(microsecondsSinceUnixEpoch: 0)

    /// Creates a timestamp from a `Date`, rounded down to the microsecond and clamped to the `i64` range.
    public init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded(.down)
        if micros >= 9.2e18 {
            microsecondsSinceUnixEpoch = .max
        } else if micros <= -9.2e18 {
            microsecondsSinceUnixEpoch = .min
        } else {
            microsecondsSinceUnixEpoch = Int64(micros)
        }
    }

    /// The current time.
    public static func now() -> Timestamp { Timestamp(Date()) }

    /// The same instant as a `Date` (to the precision a `Double` carries).
    public var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceUnixEpoch) / 1_000_000) }

    /// The time from `earlier` to this timestamp.
    public func duration(since earlier: Timestamp) -> TimeDuration {
        TimeDuration(microseconds: microsecondsSinceUnixEpoch &- earlier.microsecondsSinceUnixEpoch)
    }

    public var description: String { "Timestamp(\(microsecondsSinceUnixEpoch) µs)" }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceUnixEpoch < rhs.microsecondsSinceUnixEpoch
    }

    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(microsecondsSinceUnixEpoch) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        microsecondsSinceUnixEpoch = try reader.readInt64()
    }
}
