/// A unique constraint on a table (`RawConstraintDefV9` with `Unique` data, the only kind there is).
public struct ConstraintDefinition: Hashable, Sendable {
    /// The name SpacetimeDB generated, e.g. `user_identity_key`.
    public var name: String?
    /// The columns whose combined value is unique.
    public var uniqueColumns: [Int]

    /// Creates a unique constraint.
    public init(name: String?, uniqueColumns: [Int]) {
        self.name = name
        self.uniqueColumns = uniqueColumns
    }
}
