/// A module's schema, typed: what the generator reads. Read from `RawModuleDefV9` or `RawModuleDefV10`
/// JSON; both give the same values for the same module (names are the canonical ones clients use).
public struct ModuleSchema: Hashable, Sendable {
    /// Every type the module uses; ``AlgebraicType/ref(_:)`` indexes this.
    public var typespace: [AlgebraicType]
    /// The tables, in schema order.
    public var tables: [TableDefinition]
    /// The reducers, in schema order.
    public var reducers: [ReducerDefinition]
    /// Names for typespace entries.
    public var types: [TypeDefinition]
    /// The procedures, in schema order.
    public var procedures: [ProcedureDefinition]
    /// The views, in schema order; to a client each is a read-only table named after the view.
    public var views: [ViewDefinition]
    /// How many `misc_exports` (column defaults, procedures, views) the schema had; procedures and views
    /// are read into ``procedures`` and ``views``, the rest is skipped.
    public var miscExportCount: Int
    /// The row-level-security SQL filters.
    public var rowLevelSecurity: [String]
    /// The layout the schema was read from.
    public var version: SchemaVersion
    /// Where the lists sit in the source document, for error paths.
    public var paths: SchemaPaths
    /// Parts of a V10 schema the generator reads past, e.g. `HttpRoutes (2)`; always empty for V9, whose
    /// equivalents are counted in ``miscExportCount``.
    public var ignoredSections: [String]

    /// Creates a schema.
    public init(
        typespace: [AlgebraicType], tables: [TableDefinition], reducers: [ReducerDefinition],
        types: [TypeDefinition], miscExportCount: Int = 0, rowLevelSecurity: [String] = [],
        version: SchemaVersion = .v9, paths: SchemaPaths = .v9, ignoredSections: [String] = [],
        procedures: [ProcedureDefinition] = [], views: [ViewDefinition] = []
    ) {
        self.typespace = typespace
        self.tables = tables
        self.reducers = reducers
        self.types = types
        self.miscExportCount = miscExportCount
        self.rowLevelSecurity = rowLevelSecurity
        self.version = version
        self.paths = paths
        self.ignoredSections = ignoredSections
        self.procedures = procedures
        self.views = views
    }
}
