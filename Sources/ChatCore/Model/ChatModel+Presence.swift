import SpacetimeDB

extension ChatModel {
    /// Whether the user list reflects the host now: only while connected. Otherwise the rows are the
    /// last ones seen and nobody's presence is known (the screen says so instead of a stale count).
    public var presenceIsKnown: Bool { connection.isConnected }

    /// How `user` is shown: its label among the known users (see `NameDisambiguator`), else its
    /// display name.
    public func label(of user: ChatUser) -> String {
        userLabels[user.identity] ?? user.displayName
    }
}
