/// A public table the bindings expose.
public struct TableBinding: Hashable, Sendable {
    /// The table name in the schema, e.g. `user`.
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
    public var uniqueColumns: [TypeDeclaration.Field]
}
