/// A reducer of the module (`RawReducerDefV9`).
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

    /// The reducer name, e.g. `set_name`.
    public var name: String
    /// The parameters; their BSATN, in order, is the call's argument bytes.
    public var params: [ProductElement]
    /// The lifecycle event, for lifecycle reducers.
    public var lifecycle: Lifecycle?

    /// Creates a reducer definition.
    public init(name: String, params: [ProductElement], lifecycle: Lifecycle? = nil) {
        self.name = name
        self.params = params
        self.lifecycle = lifecycle
    }
}
