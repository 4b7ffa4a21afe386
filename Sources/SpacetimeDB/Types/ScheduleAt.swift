/// When a scheduled reducer runs: a sum with `Interval` at tag 0 and `Time` at tag 1.
public enum ScheduleAt: Hashable, Sendable, BSATNCodable {
    /// Repeat every interval.
    case interval(TimeDuration)
    /// Run once at a time.
    case time(Timestamp)

    @inlinable public func encode(to writer: inout BSATNWriter) {
        switch self {
        case .interval(let duration):
            writer.writeTag(0)
            duration.encode(to: &writer)
        case .time(let timestamp):
            writer.writeTag(1)
            timestamp.encode(to: &writer)
        }
    }

    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        let at = reader.offset
        switch try reader.readTag() {
        case 0: self = .interval(try TimeDuration(bsatn: &reader))
        case 1: self = .time(try Timestamp(bsatn: &reader))
        case let tag: throw .unknownTag(type: "ScheduleAt", tag: tag, offset: at)
        }
    }
}
