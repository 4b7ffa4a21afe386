/// A signed span of time in microseconds, an `i64` on the wire.
public struct TimeDuration: Hashable, Sendable, Comparable, BSATNCodable, CustomStringConvertible {
    /// The length in microseconds; may be negative.
    public var microseconds: Int64

    /// Creates a duration of `microseconds`.
    @inlinable public init(microseconds: Int64) { self.microseconds = microseconds }

    /// Zero.
    public static let zero = TimeDuration(microseconds: 0)

    /// The duration in seconds.
    public var seconds: Double { Double(microseconds) / 1_000_000 }

    /// The same span as a Swift `Duration`.
    public var duration: Duration { .microseconds(microseconds) }

    public var description: String { "\(microseconds) µs" }

    public static func < (lhs: TimeDuration, rhs: TimeDuration) -> Bool { lhs.microseconds < rhs.microseconds }

    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(microseconds) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        microseconds = try reader.readInt64()
    }
}
