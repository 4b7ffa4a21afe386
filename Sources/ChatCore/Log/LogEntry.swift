import SpacetimeDB

/// One entry of the message log: a message, one of our outgoing messages, or a notice.
public struct LogEntry: Hashable, Sendable {
    /// A stable id, unique within one model, for the painter's caches.
    public var id: EntryID
    /// When it happened; the log is sorted by this. Messages use the server's `sent`; local entries
    /// (notices, outgoing messages) use the local clock, never earlier than the entry before them.
    public var time: Timestamp
    /// What the entry shows.
    public var content: Content

    /// What an entry shows.
    public enum Content: Hashable, Sendable {
        /// A `message` row (anyone's, including our own once the server echoed it).
        case message(ChatMessage)
        /// Our message on its way to the server, or failed.
        case outgoing(OutgoingMessage)
        /// A notice line.
        case notice(ChatNotice)
    }

    /// Creates an entry.
    public init(id: EntryID, time: Timestamp, content: Content) {
        self.id = id
        self.time = time
        self.content = content
    }

    /// Whether the entry is a message (a row or one of ours), the kind the unread counter counts.
    public var isMessage: Bool {
        if case .notice = content { return false }
        return true
    }
}

