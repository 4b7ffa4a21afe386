import SpacetimeDB

/// A quickstart-chat reducer call with its decoded arguments, read from a ``ReducerEvent``.
public enum Reducer: Sendable, Hashable {
    /// `set_name(name)`.
    case setName(name: String)
    /// `send_message(text)`.
    case sendMessage(text: String)

    /// The call an event describes; nil for other reducers or arguments that do not decode (v2 sends none).
    public init?(_ event: ReducerEvent) {
        switch event.reducerName {
        case "set_name":
            guard let args = try? SetNameArgs(bsatnBytes: event.args) else { return nil }
            self = .setName(name: args.name)
        case "send_message":
            guard let args = try? SendMessageArgs(bsatnBytes: event.args) else { return nil }
            self = .sendMessage(text: args.text)
        default:
            return nil
        }
    }
}
