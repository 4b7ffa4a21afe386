import SpacetimeDB

extension ChatModel {
    // MARK: Names

    /// How a sender is shown: their name, else the abbreviated identity; `unknown` without a user row.
    public func displayName(of identity: Identity) -> String {
        userLabels[identity] ?? users[identity]?.displayName ?? "unknown"
    }

    /// The name we chose with `/name`, if any (not the identity shown in its place).
    public var ownName: String? {
        ownIdentity.flatMap { users[$0]?.name }
    }

    /// Our own name for the status bar: our name, else our abbreviated identity; nil before we know it.
    public var ownDisplayName: String? {
        guard let ownIdentity else { return nil }
        return userLabels[ownIdentity] ?? users[ownIdentity]?.displayName ?? ownIdentity.abbreviatedHex
    }

    /// The name to show on a log entry: the sender of a message, ourselves for an outgoing one
    /// (`you` before our identity is known), nil for a notice.
    public func senderName(of entry: LogEntry) -> String? {
        switch entry.content {
        case .message(let message): displayName(of: message.sender)
        case .outgoing: ownDisplayName ?? "you"
        case .notice: nil
        }
    }

    /// The identity whose colour a log entry uses: the sender, or ours for an outgoing message.
    public func senderIdentity(of entry: LogEntry) -> Identity? {
        switch entry.content {
        case .message(let message): message.sender
        case .outgoing: ownIdentity
        case .notice: nil
        }
    }

    // MARK: Presence

    /// The user list: online first, then by display name ignoring case (identity breaks ties).
    public var presence: [PresenceEntry] {
        users.values
            .map { user in
                let name = label(of: user)
                return (entry: PresenceEntry(user: user, displayName: name, isSelf: user.identity == ownIdentity),
                        folded: name.lowercased())
            }
            .sorted { lhs, rhs in
                if lhs.entry.user.online != rhs.entry.user.online { return lhs.entry.user.online }
                if lhs.folded != rhs.folded { return lhs.folded < rhs.folded }
                if lhs.entry.displayName != rhs.entry.displayName { return lhs.entry.displayName < rhs.entry.displayName }
                return lhs.entry.user.identity < rhs.entry.user.identity
            }
            .map(\.entry)
    }

    /// How many users are online.
    public var onlineCount: Int { users.values.count { $0.online } }

    /// How many users are known.
    public var userCount: Int { users.count }

    // MARK: Completion

    /// Names for Tab completion of `prefix` (matched ignoring case): recent speakers, newest first,
    /// then the other online users by name. Our own name is left out; a name appears once.
    ///
    /// Only the newest `recentEntryLimit` log entries are searched for speakers, so a long history
    /// costs nothing extra.
    public func completionCandidates(prefix: String, recentEntryLimit: Int = 500) -> [String] {
        let wanted = prefix.lowercased()
        var result: [String] = []
        var taken: Set<String> = []
        var seenSpeakers: Set<Identity> = []
        func offer(_ identity: Identity) {
            guard identity != ownIdentity, let user = users[identity] else { return }
            let name = user.displayName
            guard name.lowercased().hasPrefix(wanted), taken.insert(name).inserted else { return }
            result.append(name)
        }
        var index = log.count - 1
        let stop = max(log.count - recentEntryLimit, 0)
        while index >= stop {
            if case .message(let message) = log[index].content, seenSpeakers.insert(message.sender).inserted {
                offer(message.sender)
            }
            index -= 1
        }
        let online = users.values.filter(\.online)
            .sorted { ($0.displayName.lowercased(), $0.displayName) < ($1.displayName.lowercased(), $1.displayName) }
        for user in online { offer(user.identity) }
        return result
    }

    // MARK: Scrolling

    /// Messages that arrived below the view while scrolled up.
    public var unreadCount: Int { scroll.unreadCount }

    /// Scrolls by `delta` lines (negative: towards older entries). `lineCount` gives an entry's
    /// wrapped line count at the current width.
    public mutating func scroll(byLines delta: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        scroll.scroll(byLines: delta, entryCount: log.count, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// Scrolls up one page of `pageSize` rows (one line overlaps).
    public mutating func pageUp(pageSize: Int, lineCount: (Int) -> Int) {
        scroll.pageUp(pageSize: pageSize, entryCount: log.count, lineCount: lineCount)
    }

    /// Scrolls down one page of `pageSize` rows (one line overlaps); reaching the end follows again.
    public mutating func pageDown(pageSize: Int, lineCount: (Int) -> Int) {
        scroll.pageDown(pageSize: pageSize, entryCount: log.count, lineCount: lineCount)
    }

    /// Jumps to the end and follows new entries.
    public mutating func scrollToEnd() { scroll.scrollToEnd() }

    /// Jumps to the first line of the log.
    public mutating func scrollToTop(viewHeight: Int, lineCount: (Int) -> Int) {
        scroll.scrollToTop(entryCount: log.count, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// Re-checks the scroll anchor after a resize (call before painting the new size).
    public mutating func clampScroll(viewHeight: Int, lineCount: (Int) -> Int) {
        scroll.clamp(entryCount: log.count, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// The log line to draw on the bottom row of the view; nil for an empty log.
    public func bottomLine(lineCount: (Int) -> Int) -> LogAnchor? {
        scroll.bottomLine(entryCount: log.count, lineCount: lineCount)
    }
}
