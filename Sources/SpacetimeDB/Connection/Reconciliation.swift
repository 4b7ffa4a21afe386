/// A reconnect in progress: the re-sent subscriptions fill `shadow` with fresh rows; when all are
/// applied, the cache takes them over and only the real differences fire callbacks.
struct Reconciliation: Sendable {
    /// Subscriptions whose fresh rows are still missing.
    var pending: Set<UInt32>
    /// The rows received since the reconnect.
    var shadow: ClientCache
}
