/// Settings for one generator run.
public struct GeneratorOptions: Hashable, Sendable {
    /// Where the schema came from, written into every file header (a file name or `host/db`).
    /// Keep it free of timestamps so that output is reproducible.
    public var schemaSource: String
    /// The module's name in Swift: the module file is `<moduleName>.swift` and declares
    /// `<moduleName>Module` (e.g. `QuickstartChat` → `QuickstartChatModule`). Converted to UpperCamelCase.
    public var moduleName: String

    /// The module's name as the server knows it (e.g. `quickstart-chat`), used in doc comments.
    public var displayName: String
    /// The layout the schema came in, named in every file header next to ``schemaSource``. The code
    /// generated is the same for either.
    public var schemaVersion: SchemaVersion

    /// Creates options; `displayName` defaults to `moduleName`.
    public init(
        schemaSource: String, moduleName: String, displayName: String? = nil, schemaVersion: SchemaVersion = .v9
    ) {
        self.schemaSource = schemaSource
        self.moduleName = moduleName
        self.schemaVersion = schemaVersion
        // It goes into one-line doc comments.
        self.displayName = String((displayName ?? moduleName).map { $0.isNewline ? " " : $0 })
    }
}
