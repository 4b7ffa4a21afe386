/// Settings for one generator run.
public struct GeneratorOptions: Hashable, Sendable {
    /// Where the schema came from, written into every file header (a file name or `host/db`).
    /// Keep it free of timestamps so that output is reproducible.
    public var schemaSource: String
    /// The name of the generated index type that lists the module's tables and reducers.
    public var moduleName: String

    /// Creates options.
    public init(schemaSource: String, moduleName: String = "RemoteModule") {
        self.schemaSource = schemaSource
        self.moduleName = moduleName
    }
}
