// Generated bindings for the quickstart-chat module (tables `user`, `message`; reducers
// `set_name`, `send_message`). Written in the shape `spacetime-generate` emits.
import SpacetimeDB

/// The quickstart-chat module as the SDK core sees it: its tables, so rows decode by table name.
public enum QuickstartChatModule {
    /// Tables and reducers of quickstart-chat.
    public static let descriptor = ModuleDescriptor(
        tables: [
            AnyTableDescriptor(UserTableHandle.descriptor),
            AnyTableDescriptor(MessageTableHandle.descriptor),
        ],
        reducerNames: ["set_name", "send_message"])
}

extension DbConnection {
    /// A connection builder for the quickstart-chat module.
    public static func builder() -> DbConnectionBuilder {
        DbConnectionBuilder(module: QuickstartChatModule.descriptor)
    }
}
