/// A reducer of the module (`RawReducerDefV9`, or `RawReducerDefV10` with its lifecycle from the
/// `LifeCycleReducers` section).
public struct ReducerDefinition: Hashable, Sendable {
    /// Which lifecycle event runs a reducer; clients never call these.
    public enum Lifecycle: String, Hashable, Sendable, CaseIterable {
        /// Runs once when the module is published.
        case initialize = "Init"
        /// Runs when a client connects.
        case onConnect = "OnConnect"
        /// Runs when a client disconnects.
        case onDisconnect = "OnDisconnect"
    }

    /// Who may call a reducer (`FunctionVisibility` in `crates/lib/src/db/raw_def/v10.rs`).
    public enum Visibility: String, Hashable, Sendable, CaseIterable {
        /// Only the module owner, collaborators and the module itself; SpacetimeDB makes lifecycle and
        /// scheduled reducers private.
        case `private` = "Private"
        /// Any client.
        case clientCallable = "ClientCallable"
    }

    /// The reducer name, e.g. `set_name`.
    public var name: String
    /// The parameters; their BSATN, in order, is the call's argument bytes.
    public var params: [ProductElement]
    /// The lifecycle event, for lifecycle reducers.
    public var lifecycle: Lifecycle?
    /// Who may call it; nil when the schema does not say (V9, where every reducer counted as callable).
    public var visibility: Visibility?

    /// Creates a reducer definition.
    public init(name: String, params: [ProductElement], lifecycle: Lifecycle? = nil, visibility: Visibility? = nil) {
        self.name = name
        self.params = params
        self.lifecycle = lifecycle
        self.visibility = visibility
    }
}
