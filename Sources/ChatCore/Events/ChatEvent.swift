import SpacetimeDB

/// Something that happened outside the model, fed to `ChatModel.apply(_:at:)`.
///
/// Each case matches one SDK callback (or one step of the reconnect machine), so the glue is a
/// direct translation:
///
/// | SDK / glue | event |
/// | --- | --- |
/// | a connection attempt starts | `connecting` |
/// | `onConnect(identity, connectionId, token)` | `connected` |
/// | `onConnectError(error)` with no retry planned | `connectFailed` |
/// | `onDisconnect(error?)` | `disconnected` |
/// | the reconnect timer is armed | `reconnecting` |
/// | subscription `onApplied` (every connection, including reconnects) | `initialRowsApplied` with every cached row |
/// | subscription `onError` | `subscriptionFailed` |
/// | `user.onInsert` / `onUpdate` / `onDelete` | `userInserted` / `userUpdated` / `userDeleted` |
/// | `message.onInsert` | `messageInserted` |
/// | result of our `send_message` / `set_name` call | `sendMessageResult` / `setNameResult` |
///
/// Row callbacks that the SDK fires *for the subscription being applied* (event `SubscribeApplied`)
/// must not be forwarded: `initialRowsApplied` already carries those rows. Reducer results are
/// forwarded only for our own calls (caller identity is ours).
public enum ChatEvent: Hashable, Sendable {
    /// A connection attempt started.
    case connecting
    /// The server identified us (IdentityToken / InitialConnection).
    case connected(identity: Identity, connectionID: ConnectionId)
    /// Connecting failed and no retry is planned.
    case connectFailed(reason: String)
    /// The connection closed; `reason` is nil for a clean close.
    case disconnected(reason: String?)
    /// The reconnect machine armed attempt `attempt` (1-based) for `nextAttemptAt`.
    case reconnecting(attempt: Int, nextAttemptAt: Timestamp)
    /// The subscription was applied: the full current contents of both tables. Never produces notices.
    case initialRowsApplied(users: [ChatUser], messages: [ChatMessage])
    /// The subscription was rejected (the official client prints `Subscription failed: {err}`).
    case subscriptionFailed(reason: String)
    /// A `user` row was inserted by a transaction.
    case userInserted(ChatUser)
    /// A `user` row was replaced (same identity).
    case userUpdated(old: ChatUser, new: ChatUser)
    /// A `user` row was deleted.
    case userDeleted(ChatUser)
    /// A `message` row was inserted by a transaction.
    case messageInserted(ChatMessage)
    /// The result of one of our `send_message` calls. `localID` is the id from the `.sendMessage`
    /// effect when the SDK can tell (per-call callbacks); nil makes the model match by text, oldest first.
    case sendMessageResult(localID: LocalCallID?, text: String, outcome: ReducerOutcome)
    /// The result of one of our `set_name` calls; `localID` as for `sendMessageResult`.
    case setNameResult(localID: LocalCallID?, name: String, outcome: ReducerOutcome)
}
