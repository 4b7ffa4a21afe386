import SpacetimeDB

/// Something that happened outside the model, fed to `ChatModel.apply(_:at:)`.
///
/// Each case matches one SDK callback, so the glue is a direct translation. With our SDK
/// (`DbConnection`, which reconnects by itself):
///
/// | SDK | event |
/// | --- | --- |
/// | `onStatusChange(.connecting)` | `connecting` |
/// | `onConnect(conn, identity, token)` (first connection only) | `connected` (repeats ignored) |
/// | `onStatusChange(.connected)` | `reconnected` (ignored until `connected` has given the identity) |
/// | `onStatusChange(.reconnecting(attempt, nextTry))` | `reconnecting` (`Timestamp(nextTry)`) |
/// | `onConnectError(ctx, error)` | `connectFailed` |
/// | `onDisconnect(ctx, error?)` | `disconnected` |
/// | `onStatusChange(.closed(reason))` with a reason | `closedForGood` |
/// | subscription `onApplied` (first connection) | `initialRowsApplied` with every cached `user` and `message` row |
/// | subscription `onError` | `subscriptionFailed` |
/// | `user` `onInsert` / `onUpdate` / `onDelete` | `userInserted` / `userUpdated` / `userDeleted` |
/// | `message` `onInsert` | `messageInserted` |
/// | the per-call callback of our `send_message` / `set_name` | `sendMessageResult` / `setNameResult` |
///
/// Row callbacks fired *for a subscription being applied* (event `subscribeApplied`) must not be
/// forwarded: `initialRowsApplied` already carries those rows. Row callbacks fired after a reconnect
/// (event `reconnected`, only what changed while away) are forwarded like any others: gap messages
/// go in at their time and presence changes make notices. An SDK that instead re-applies the whole
/// subscription after a reconnect may send `initialRowsApplied` again; the model then adds only the
/// rows it lacks. Reducer results are forwarded only for our own calls.
public enum ChatEvent: Hashable, Sendable {
    /// A connection attempt started.
    case connecting
    /// The server identified us (IdentityToken / InitialConnection).
    case connected(identity: Identity, connectionID: ConnectionId)
    /// The connection is up again after a drop, with the identity `connected` reported (SDK status
    /// `connected`). Ignored before the first `connected` and while already connected.
    case reconnected
    /// Connecting failed and no retry is planned.
    case connectFailed(reason: String)
    /// The connection closed; `reason` is nil for a clean close.
    case disconnected(reason: String?)
    /// The connection ended for good and will not be retried (SDK status `closed(reason)` with a
    /// reason): say why and what to do, keep unsent messages marked as such.
    case closedForGood(ConnectionRefusal)
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
    /// A history page (``HistoryPageRequest``) answered with these rows.
    case historyPageLoaded(requestID: Int, messages: [ChatMessage])
    /// A history page failed: lost with the connection (sent again when live) or refused by the server.
    case historyPageFailed(requestID: Int, reason: String, connectionLost: Bool)
    /// The server refused the windowed subscription; the glue subscribed to every message instead.
    case historyWindowRefused(reason: String)
}
