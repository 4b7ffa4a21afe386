/// A public table, or a public view, the bindings expose as a table handle. To a client a view is a
/// read-only table named after it (see ``ViewDefinition``), so both share this shape; SpacetimeDB's own
/// generators do the same (`generate_view_file` in `crates/codegen/src/lib.rs` makes a `TableDef` of it).
public struct TableBinding: Hashable, Sendable {
    /// What makes a view handle differ from a table's, for its doc comments.
    public struct ViewInfo: Hashable, Sendable {
        /// How the view's return type wraps its row type.
        public var returnShape: ViewDefinition.ReturnShape
        /// Whether every subscriber sees the same rows (`AnonymousViewContext`) rather than their own.
        public var isAnonymous: Bool
    }

    /// The table (or view) name in the schema, e.g. `user`.
    public var name: String
    /// The Swift accessor name, unescaped, e.g. `user`.
    public var swiftName: String
    /// The UpperCamelCase form of the name, the stem of generated type names (`User` → `UserTableHandle`).
    public var typeBase: String
    /// The row type's Swift name.
    public var rowType: String
    /// The row's columns, in BSATN order.
    public var columns: [TypeDeclaration.Field]
    /// The primary key column, if the table has a single-column primary key.
    public var primaryKey: TypeDeclaration.Field?
    /// Columns with a single-column unique constraint (the primary key included), in column order.
    /// Always empty for a view: views have no unique constraints, so no `find`.
    public var uniqueColumns: [TypeDeclaration.Field]
    /// Set when this is a view rather than a table.
    public var view: ViewInfo?
}
