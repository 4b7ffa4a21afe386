/// Identifies a registered callback, to remove it later.
public struct CallbackId: Hashable, Sendable {
    /// The registry's number for it.
    public let rawValue: UInt64

    /// Wraps a number.
    public init(rawValue: UInt64) { self.rawValue = rawValue }
}
