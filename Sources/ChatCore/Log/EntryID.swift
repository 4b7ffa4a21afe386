/// The identifier of one log entry.
public struct EntryID: Hashable, Sendable, Comparable {
    /// The number; handed out in increasing order.
    public var rawValue: UInt64

    /// Wraps a number.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Orders ids by when they were handed out.
    public static func < (lhs: EntryID, rhs: EntryID) -> Bool { lhs.rawValue < rhs.rawValue }
}
