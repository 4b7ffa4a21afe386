/// One row of the sidebar's user list.
public struct PresenceEntry: Hashable, Sendable {
    /// The user.
    public var user: ChatUser
    /// The name to show (name, or abbreviated identity).
    public var displayName: String
    /// Whether this is us.
    public var isSelf: Bool

    /// Creates a row.
    public init(user: ChatUser, displayName: String, isSelf: Bool) {
        self.user = user
        self.displayName = displayName
        self.isSelf = isSelf
    }
}
