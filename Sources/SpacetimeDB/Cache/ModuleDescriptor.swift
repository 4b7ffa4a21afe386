/// Everything the SDK core knows about a module: its tables, so rows can be decoded by table name
/// without reflection. Generated bindings provide one (`QuickstartChatModule.descriptor`).
public struct ModuleDescriptor: Sendable {
    /// The module's tables.
    public let tables: [AnyTableDescriptor]
    /// The reducers a client may call, by their server names.
    public let reducerNames: [String]

    /// Describes a module.
    public init(tables: [AnyTableDescriptor], reducerNames: [String] = []) {
        self.tables = tables
        self.reducerNames = reducerNames
    }

    /// The queries that subscribe to every table, one `SELECT * FROM <table>` each.
    public var allTablesQueries: [String] { tables.map { "SELECT * FROM \($0.name)" } }
}
