import SpacetimeDB

/// Mentions that reach the reader: the model feeds ``AttentionTracker`` with live arrivals, focus
/// changes and where the view is; the glue carries out the actions ``settleAttention()`` returns.
extension ChatModel {
    /// Whether `message` is someone else's and names us (our chosen name as a whole word, any case).
    public func mentionsOwnName(_ message: ChatMessage) -> Bool {
        guard let ownName, message.sender != ownIdentity else { return false }
        return MentionMatcher.mentions(message.text, name: ownName)
    }

    /// Records a live message just inserted at `index` (after the scroll state noted the insert).
    mutating func noteArrival(of message: ChatMessage, at index: Int) {
        guard message.sender != ownIdentity else { return }
        let mentions = mentionsOwnName(message)
        if mentions { scroll.noteMentionInserted(at: index) }
        let entry = log[index]
        attention.messageArrived(
            at: UnreadMarker(id: entry.id, time: entry.time), mentionsYou: mentions, viewFollowing: scroll.isFollowing)
    }

    /// Records messages inserted at `indices` (ascending, final) as arrivals, oldest first.
    mutating func noteArrivals(at indices: [Int]) {
        for index in indices {
            guard case .message(let message) = log[index].content else { continue }
            noteArrival(of: message, at: index)
        }
    }

    /// The terminal reported that it gained or lost the focus.
    public mutating func terminalFocusChanged(_ focused: Bool) {
        attention.focusChanged(focused)
    }

    /// Turns the bell for mentions on or off (`--no-bell`, `/bell`).
    public mutating func setBell(_ enabled: Bool) {
        attention.bellEnabled = enabled
    }

    /// Call once after each batch of input and events, before drawing: what the terminal must do
    /// (bell, title), and the count cleared if the reader is back.
    public mutating func settleAttention() -> [AttentionAction] {
        attention.settle(viewFollowing: scroll.isFollowing)
    }

    /// The index of the entry the unread marker sits on, if it is still loaded.
    public var unreadMarkerIndex: Int? {
        guard let marker = attention.marker else { return nil }
        return log.index(of: marker.id, at: marker.time)
    }

    /// Scrolls so the unread marker is on the top row (Alt-U, `/unread`); false when there is none.
    @discardableResult
    public mutating func jumpToUnread(viewHeight: Int, lineCount: (Int) -> Int) -> Bool {
        guard let index = unreadMarkerIndex else { return false }
        scroll.showAtTop(entryIndex: index, entryCount: log.count, viewHeight: viewHeight, lineCount: lineCount)
        return true
    }
}
