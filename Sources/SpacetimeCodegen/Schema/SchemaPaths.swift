/// Where a schema's lists sit in the JSON document it was read from, so that errors found after
/// parsing (in ``BindingsModel``) name the path the user can look up in that document.
public struct SchemaPaths: Hashable, Sendable {
    /// The typespace array, e.g. `$.typespace.types`.
    public var typespaceTypes: String
    /// The type names array, e.g. `$.types`.
    public var types: String
    /// The field of a type entry holding its scoped name (`name` in V9, `source_name` in V10).
    public var typeNameField: String
    /// The tables array, e.g. `$.tables`.
    public var tables: String
    /// The field of a table holding its name (`name` in V9, `source_name` in V10).
    public var tableNameField: String
    /// The reducers array, e.g. `$.reducers`.
    public var reducers: String
    /// The field of a reducer holding its name (`name` in V9, `source_name` in V10).
    public var reducerNameField: String
    /// The list procedures sit in: `$.misc_exports` (V9, mixed with other exports) or the `Procedures` section.
    public var procedures: String
    /// The field of a procedure holding its name (`name` in V9, `source_name` in V10).
    public var procedureNameField: String
    /// The path of each procedure, in ``ModuleSchema/procedures`` order (V9 procedures are
    /// `$.misc_exports[n].Procedure`, n counting every export); empty when unknown.
    public var procedureEntries: [String]
    /// The field of a view holding its name (`name` in V9, `source_name` in V10).
    public var viewNameField: String
    /// The path of each view, in ``ModuleSchema/views`` order (`$.misc_exports[n].View` in V9,
    /// `$.sections[k].Views[i]` in V10); empty when unknown.
    public var viewEntries: [String]

    /// Creates a set of paths.
    public init(
        typespaceTypes: String, types: String, typeNameField: String, tables: String, tableNameField: String,
        reducers: String, reducerNameField: String, procedures: String = "$.misc_exports",
        procedureNameField: String = "name", procedureEntries: [String] = [], viewNameField: String = "name",
        viewEntries: [String] = []
    ) {
        self.typespaceTypes = typespaceTypes
        self.types = types
        self.typeNameField = typeNameField
        self.tables = tables
        self.tableNameField = tableNameField
        self.reducers = reducers
        self.reducerNameField = reducerNameField
        self.procedures = procedures
        self.procedureNameField = procedureNameField
        self.procedureEntries = procedureEntries
        self.viewNameField = viewNameField
        self.viewEntries = viewEntries
    }

    /// The `RawModuleDefV9` layout.
    public static let v9 = SchemaPaths(
        typespaceTypes: "$.typespace.types", types: "$.types", typeNameField: "name", tables: "$.tables",
        tableNameField: "name", reducers: "$.reducers", reducerNameField: "name")

    /// The path of typespace entry `ref`.
    public func typespaceEntry(_ ref: Int) -> String { "\(typespaceTypes)[\(ref)]" }
    /// The path of the name of type entry `index`.
    public func typeName(_ index: Int) -> String { "\(types)[\(index)].\(typeNameField)" }
    /// The path of table `index`.
    public func table(_ index: Int) -> String { "\(tables)[\(index)]" }
    /// The path of reducer `index`.
    public func reducer(_ index: Int) -> String { "\(reducers)[\(index)]" }
    /// The path of procedure `index` (in ``ModuleSchema/procedures`` order).
    public func procedure(_ index: Int) -> String {
        procedureEntries.indices.contains(index) ? procedureEntries[index] : "\(procedures)[\(index)]"
    }
    /// The path of view `index` (in ``ModuleSchema/views`` order).
    public func view(_ index: Int) -> String {
        viewEntries.indices.contains(index) ? viewEntries[index] : "$.views[\(index)]"
    }
}
