import SpacetimeDB

/// The chat as the UI sees it: users, the log, our pending calls, connection and scroll state.
///
/// A value type owned by the UI thread. The glue turns SDK callbacks into `ChatEvent`s and feeds them
/// to `apply(_:at:)`, and typed lines to `submit(_:at:)`; both return `ChatEffect`s for the glue to
/// perform (reducer calls, quit). The model never reads a clock: every call takes `now`.
///
/// Decisions worth knowing:
/// - Rows delivered with a subscription (`initialRowsApplied`) never make notices, on the first
///   connection or after a reconnect; that includes our own `User … connected.`, which the official
///   client prints at startup. The status bar says we are connected instead.
/// - Messages show the sender's *current* name (the official client also looks the name up when it
///   prints); notices keep the names they were written with. A sender without a `user` row is shown
///   as `unknown`, as the official client does.
/// - Our calls go out only while `isLive`: connected, with the history loaded. Otherwise they queue
///   and are released, in submission order, when the model goes live: after the first subscription
///   is applied, or at once on reconnecting (the history is already there).
/// - A call the SDK reports failed while the connection is down may still have landed: it shows as
///   failed (with the notice the SDK's reason gives), and if its row turns up afterwards the row
///   replaces it. When a whole new snapshot arrives instead, calls sent on the lost connection
///   are settled from it: rows and our name show what ran; calls after the last one that ran are
///   sent again.
public struct ChatModel: Sendable {
    /// The database name, for the status bar.
    public var databaseName: String
    /// The host as shown in the status bar (e.g. `localhost:3000`).
    public var hostLabel: String
    /// Whether the user list is shown (the painter may still hide it when the terminal is narrow).
    public var sidebarVisible = true

    /// The connection's state.
    public internal(set) var connection: ConnectionState = .connecting
    /// Connected with the subscription applied: our calls go out at once.
    public internal(set) var isLive = false
    /// Whether any subscription has been applied yet (history is loaded).
    public internal(set) var hasInitialRows = false
    /// Our identity, once the server has told us.
    public internal(set) var ownIdentity: Identity?
    /// Our connection id, once the server has told us.
    public internal(set) var connectionID: ConnectionId?
    /// Every known `user` row, by identity.
    public internal(set) var users: [Identity: ChatUser] = [:] {
        didSet { userLabels = NameDisambiguator.labels(for: users.values) }
    }
    /// How each user is shown, told apart from look-alikes (see `NameDisambiguator`).
    public private(set) var userLabels: [Identity: String] = [:]
    /// The log: messages and notices in time order.
    public internal(set) var log = ChatLog()
    /// The reader's position and unread counter.
    public internal(set) var scroll = ScrollState()
    /// The bell, the title's mention count and the unread marker (see ``AttentionTracker``).
    public internal(set) var attention = AttentionTracker()
    /// The scrollback search in progress (`/search`, Ctrl-R), if any.
    public internal(set) var search: ScrollbackSearch?
    /// The entries `search` matched, by identity: indices shift when older pages or late rows arrive.
    var searchMatchKeys: [(id: EntryID, time: Timestamp)] = []
    /// The history window and its pages (``useHistoryWindow(start:pageSize:)``).
    public internal(set) var history = HistoryPager(windowStart: nil)
    /// Why the connection ended for good, until `/reset-identity` starts over; nil otherwise.
    public internal(set) var closedForGood: ConnectionRefusal?

    var outbox: [OutboxItem] = []
    /// Counts `connected` events, so calls sent on an earlier connection can be told apart.
    var connectionGeneration = 0
    var nextLocalID: UInt64 = 1
    /// A `Disconnected` notice was shown; say `Reconnected.` when live again.
    var owesReconnectedNotice = false

    /// A model before any connection.
    public init(databaseName: String, hostLabel: String) {
        self.databaseName = databaseName
        self.hostLabel = hostLabel
    }

    // MARK: Events

    /// Applies one event; returns what the glue must do, in order.
    public mutating func apply(_ event: ChatEvent, at now: Timestamp) -> [ChatEffect] {
        switch event {
        case .connecting:
            connection = .connecting
            isLive = false
        case .connected(let identity, let connectionID):
            if connection == .connected, ownIdentity == identity, self.connectionID == connectionID { return [] }
            ownIdentity = identity
            self.connectionID = connectionID
            connection = .connected
            connectionGeneration += 1
            // After a drop, an SDK that restores its subscriptions itself reports only the rows that
            // changed: the history we hold is current, so go live now. On the first connection we
            // wait for the history (`initialRowsApplied`).
            if hasInitialRows { return goLive(at: now) }
            isLive = false
        case .reconnected:
            guard ownIdentity != nil, !connection.isConnected else { return [] }
            connection = .connected
            connectionGeneration += 1
            if hasInitialRows { return goLive(at: now) }
        case .connectFailed(let reason):
            connection = .failed(reason: reason)
            isLive = false
        case .disconnected(let reason):
            // The SDK reports a for-good close twice; the first report (with its advice) stands.
            guard closedForGood == nil else { return [] }
            noteConnectionLost(reason: reason, at: now)
            connection = .disconnected(reason: reason)
        case .closedForGood(let refusal):
            endForGood(refusal, at: now)
        case .reconnecting(let attempt, let nextAttemptAt):
            noteConnectionLost(reason: nil, at: now)
            connection = .reconnecting(attempt: attempt, nextAttemptAt: nextAttemptAt)
        case .initialRowsApplied(let users, let messages):
            return applySnapshot(users: users, messages: messages, at: now) + historyAfterSnapshot(rowCount: messages.count)
        case .historyPageLoaded, .historyPageFailed, .historyWindowRefused:
            return applyHistory(event, at: now)
        case .subscriptionFailed(let reason):
            appendNotice(.subscriptionFailed(reason: reason), at: now)
        case .userInserted(let user):
            let oldLabel = label(of: user)
            let previous = users.updateValue(user, forKey: user.identity)
            if let previous {
                appendPresenceNotices(old: previous, new: user, oldLabel: oldLabel, at: now)
            } else if user.online {
                appendNotice(.userConnected(name: label(of: user)), at: now)
            }
        case .userUpdated(let old, let new):
            let oldLabel = label(of: old)
            users[new.identity] = new
            appendPresenceNotices(old: old, new: new, oldLabel: oldLabel, at: now)
        case .userDeleted(let user):
            users[user.identity] = nil
        case .messageInserted(let message):
            insertLiveMessage(message)
        case .sendMessageResult(let localID, let text, let outcome):
            settleSendMessage(localID: localID, text: text, outcome: outcome, at: now)
        case .setNameResult(let localID, let name, let outcome):
            settleSetName(localID: localID, name: name, outcome: outcome, at: now)
        }
        return []
    }

    /// Leaves the live state; says `Disconnected…` if the connection had been up.
    mutating func noteConnectionLost(reason: String?, at now: Timestamp) {
        if connection.isConnected {
            appendNotice(.connectionLost(reason: reason), at: now)
            owesReconnectedNotice = true
        }
        isLive = false
    }

    /// Enters the live state: says `Reconnected.` after a drop and releases the queue.
    mutating func goLive(at now: Timestamp) -> [ChatEffect] {
        isLive = true
        if owesReconnectedNotice {
            owesReconnectedNotice = false
            appendNotice(.reconnected, at: now)
        }
        return releaseQueue() + resumeHistory()
    }

    /// Applies events in order (everything the UI found in its inbox); returns all their effects.
    public mutating func apply(contentsOf events: some Sequence<ChatEvent>, at now: Timestamp) -> [ChatEffect] {
        var effects: [ChatEffect] = []
        for event in events { effects += apply(event, at: now) }
        return effects
    }

    /// The official client's notices for a user row change: rename first, then online status.
    /// Names are the labels at the time (`oldLabel` from before the change), so a look-alike is
    /// told apart in notices too.
    private mutating func appendPresenceNotices(old: ChatUser, new: ChatUser, oldLabel: String, at now: Timestamp) {
        let newLabel = label(of: new)
        if old.name != new.name {
            appendNotice(.userRenamed(from: oldLabel, to: newLabel), at: now)
        }
        if old.online && !new.online {
            appendNotice(.userDisconnected(name: newLabel), at: now)
        }
        if !old.online && new.online {
            appendNotice(.userConnected(name: newLabel), at: now)
        }
    }

    // MARK: Log helpers

    /// The time for a locally made entry: now, but never before the newest entry, so it lands at the
    /// bottom even when the server's clock runs ahead of ours.
    func localTime(_ now: Timestamp) -> Timestamp {
        guard let last = log.lastTime, last > now else { return now }
        return last
    }

    /// Appends a notice at the bottom.
    mutating func appendNotice(_ notice: ChatNotice, at now: Timestamp) {
        let index = log.insert(.notice(notice), at: localTime(now))
        scroll.noteInserted(at: index, isMessage: false)
    }

    /// Inserts a message row from a transaction, or settles our outgoing entry it confirms.
    private mutating func insertLiveMessage(_ message: ChatMessage) {
        if message.sender == ownIdentity,
           let position = outboxPositionAwaitingRow(withText: message.text) {
            confirmOutgoing(outboxPosition: position, with: message)
            return
        }
        let index = log.insert(.message(message), at: message.sent)
        scroll.noteInserted(at: index, isMessage: true)
        noteArrival(of: message, at: index)
    }

    /// The call a row of ours with `text` settles: the oldest sent call with that text, else the
    /// oldest one lost in flight. `excluding` skips calls already matched in a batch.
    func outboxPositionAwaitingRow(withText text: String, excluding: Set<LocalCallID> = []) -> Int? {
        outbox.firstIndex { $0.awaitsRow(withText: text, includingLost: false) && !excluding.contains($0.localID) }
            ?? outbox.firstIndex { $0.awaitsRow(withText: text, includingLost: true) && !excluding.contains($0.localID) }
    }

    /// Replaces the outgoing entry of `outbox[position]` with its confirmed row, at the row's time.
    mutating func confirmOutgoing(outboxPosition position: Int, with message: ChatMessage) {
        guard case .sendMessage(_, let entryID, let time) = outbox[position].call else { return }
        outbox[position].rowSeen = true
        if outbox[position].resultSeen || outbox[position].lostInFlight { outbox.remove(at: position) }
        guard let old = log.index(of: entryID, at: time) else {
            let index = log.insert(.message(message), at: message.sent)
            scroll.noteInserted(at: index, isMessage: true)
            return
        }
        log.remove(at: old)
        let new = log.insert(.message(message), at: message.sent)
        scroll.noteMoved(from: old, to: new)
    }
}
