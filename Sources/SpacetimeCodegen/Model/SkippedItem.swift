/// A schema element the bindings leave out on purpose, and why (written as a comment in the index file).
public struct SkippedItem: Hashable, Sendable {
    /// The element's name in the schema.
    public var name: String
    /// Why it is left out, e.g. "private table".
    public var reason: String
}
