/// The connection's record of one subscription (a v1 query id or v2 query set id).
struct SubscriptionRecord: Sendable {
    enum Phase: Sendable {
        /// Sent, rows not yet applied.
        case pending
        /// Rows applied.
        case active
        /// Unsubscribe sent.
        case ending
    }

    let id: UInt32
    let queries: [String]
    /// `subscribeToAllTables()`: a legacy `Subscribe` on v1.
    let isAllTables: Bool
    var phase: Phase = .pending
    /// Whether it was sent on a transport that has since dropped, so a reconnect must send it again.
    var needsResubscribe = false
    /// Whether its rows have been applied on some transport (and `onApplied` called). A reconnect
    /// reconciles only such subscriptions; one whose rows never arrived is re-sent as a new one.
    var wasApplied = false
    let onApplied: (@Sendable (EventContext) -> Void)?
    let onError: (@Sendable (EventContext, String) -> Void)?
    var onEnded: (@Sendable (EventContext) -> Void)?
}
