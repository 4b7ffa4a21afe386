/// The model's own number for one reducer call it asked the glue to make.
///
/// The glue passes it back with the call's result, so the result settles the right pending entry even
/// when two pending messages have the same text.
public struct LocalCallID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The number; the model hands them out in increasing order, so they sort in submission order.
    public var rawValue: UInt64

    /// Wraps a number.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// `#` and the number, for logs.
    public var description: String { "#\(rawValue)" }

    /// Orders calls by submission.
    public static func < (lhs: LocalCallID, rhs: LocalCallID) -> Bool { lhs.rawValue < rhs.rawValue }
}
