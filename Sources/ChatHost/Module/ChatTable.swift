/// The quickstart-chat tables, with the ids and names the host reports on the wire.
public enum ChatTable: String, CaseIterable, Sendable, Hashable {
    /// `message`: sender, sent, text; no primary key.
    case message
    /// `user`: identity (primary key), name, online.
    case user

    /// The table id (user tables start at 4096; ids are assigned in table-name order).
    public var tableId: UInt32 {
        switch self {
        case .message: return 4096
        case .user: return 4097
        }
    }

    /// The column names in BSATN order.
    public var columns: [String] {
        switch self {
        case .message: return ["sender", "sent", "text"]
        case .user: return ["identity", "name", "online"]
        }
    }

    /// Looks a table up by name, case-sensitively as SpacetimeDB does.
    public init?(name: String) { self.init(rawValue: name) }
}
