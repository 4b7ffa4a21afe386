import ChatCore
import SpacetimeDB

/// What background threads hand to the UI thread through the inbox.
enum AppEvent: Sendable {
    /// A chat event from the SDK's callbacks.
    case chat(ChatEvent)
    /// The first connection attempt failed; the app exits with this reason unless it is reconnecting.
    case initialConnectFailed(DbConnectionError)
    /// The connection ended for good.
    case closed(DbConnectionError?)
    /// A local host was started in this process (after a takeover).
    case hostingLocally(String)
}
