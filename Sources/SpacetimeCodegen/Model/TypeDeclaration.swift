/// One generated Swift type: a struct for a product, an enum for a sum, or a typealias.
public struct TypeDeclaration: Hashable, Sendable {
    /// A stored property of a generated struct (a product field, a table column, a reducer parameter).
    public struct Field: Hashable, Sendable {
        /// The name in the schema, e.g. `sent_at`.
        public var sourceName: String
        /// The Swift name, unescaped, e.g. `sentAt`.
        public var swiftName: String
        /// The field's Swift type.
        public var type: SwiftType
    }

    /// A case of a generated enum.
    public struct Case: Hashable, Sendable {
        /// The variant name in the schema.
        public var sourceName: String
        /// The Swift case name, unescaped.
        public var swiftName: String
        /// The payload type; nil for a unit variant.
        public var payload: SwiftType?
    }

    /// What kind of Swift declaration it is.
    public enum Shape: Hashable, Sendable {
        /// A struct with these fields, in BSATN order.
        case product([Field])
        /// An enum with these cases, tag order; `indirect` when it contains itself.
        case sum([Case], indirect: Bool)
        /// `typealias Name = Target`.
        case alias(SwiftType)
    }

    /// The Swift type name.
    public var swiftName: String
    /// The schema name, scope included (`a::B`).
    public var sourceName: String
    /// The typespace index it declares.
    public var ref: Int
    /// The declaration.
    public var shape: Shape
    /// The tables whose rows have this type.
    public var tables: [String]
    /// The views whose rows have this type.
    public var views: [String] = []
    /// The primary key columns (schema names) of those tables and views.
    public var primaryKeys: [String] = []
    /// Whether this is a procedure's arguments struct (`ref` is -1 for every arguments struct).
    public var isProcedureArguments = false
}
