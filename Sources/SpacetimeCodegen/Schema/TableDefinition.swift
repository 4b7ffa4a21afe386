/// A table of the module (`RawTableDefV9` or `RawTableDefV10`).
public struct TableDefinition: Hashable, Sendable {
    /// Who may read the table.
    public enum Access: String, Hashable, Sendable {
        /// Every client may subscribe to it.
        case `public` = "Public"
        /// Only the module sees it; the generator leaves it out.
        case `private` = "Private"
    }

    /// Whether the table is the module's or SpacetimeDB's own.
    public enum Kind: String, Hashable, Sendable {
        /// A system table.
        case system = "System"
        /// A table the module declared.
        case user = "User"
    }

    /// The table name, e.g. `user`.
    public var name: String
    /// The typespace index of the row product type.
    public var productTypeRef: Int
    /// The primary key column indices; empty when there is none.
    public var primaryKey: [Int]
    /// The table's indexes.
    public var indexes: [IndexDefinition]
    /// The table's unique constraints.
    public var constraints: [ConstraintDefinition]
    /// The table's auto-increment sequences.
    public var sequences: [SequenceDefinition]
    /// The schedule, for scheduled tables.
    public var schedule: ScheduleDefinition?
    /// System or user table.
    public var kind: Kind
    /// Public or private.
    public var access: Access
    /// Whether it is an event table (V10 `is_event`: rows reach subscribers but are not kept). V9 cannot
    /// say so, and the bindings treat both kinds alike.
    public var isEvent: Bool

    /// Creates a table definition.
    public init(
        name: String, productTypeRef: Int, primaryKey: [Int] = [], indexes: [IndexDefinition] = [],
        constraints: [ConstraintDefinition] = [], sequences: [SequenceDefinition] = [],
        schedule: ScheduleDefinition? = nil, kind: Kind = .user, access: Access = .public, isEvent: Bool = false
    ) {
        self.name = name
        self.productTypeRef = productTypeRef
        self.primaryKey = primaryKey
        self.indexes = indexes
        self.constraints = constraints
        self.sequences = sequences
        self.schedule = schedule
        self.kind = kind
        self.access = access
        self.isEvent = isEvent
    }
}
