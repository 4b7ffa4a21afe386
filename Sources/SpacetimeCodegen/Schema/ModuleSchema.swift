/// A module's schema (`RawModuleDefV9`), typed: what the generator reads.
public struct ModuleSchema: Hashable, Sendable {
    /// Every type the module uses; ``AlgebraicType/ref(_:)`` indexes this.
    public var typespace: [AlgebraicType]
    /// The tables, in schema order.
    public var tables: [TableDefinition]
    /// The reducers, in schema order.
    public var reducers: [ReducerDefinition]
    /// Names for typespace entries.
    public var types: [TypeDefinition]
    /// How many `misc_exports` (column defaults, procedures, views) the schema had; the generator skips them.
    public var miscExportCount: Int
    /// The row-level-security SQL filters.
    public var rowLevelSecurity: [String]

    /// Creates a schema.
    public init(
        typespace: [AlgebraicType], tables: [TableDefinition], reducers: [ReducerDefinition],
        types: [TypeDefinition], miscExportCount: Int = 0, rowLevelSecurity: [String] = []
    ) {
        self.typespace = typespace
        self.tables = tables
        self.reducers = reducers
        self.types = types
        self.miscExportCount = miscExportCount
        self.rowLevelSecurity = rowLevelSecurity
    }
}
