@testable import ChatCore
import SpacetimeDB

/// Builders shared by the ChatCore tests.
enum Fixtures {
    /// An identity whose abbreviated hex is `c200` followed by `number` as 12 hex digits.
    static func identity(_ number: Int) -> Identity {
        let digits = String(number, radix: 16)
        let hex = "c200" + String(repeating: "0", count: 12 - digits.count) + digits + String(repeating: "a", count: 48)
        guard let identity = Identity(hex: hex) else { preconditionFailure("bad test identity \(hex)") }
        return identity
    }

    /// A timestamp `seconds` after 2026-11-29T00:00:00Z.
    static func time(_ seconds: Int64) -> Timestamp {
        Timestamp(microsecondsSinceUnixEpoch: (1_795_910_400 + seconds) * 1_000_000)
    }

    static let me = identity(1)
    static let alice = identity(2)
    static let bob = identity(3)
    static let carol = identity(4)

    /// A model connected as `me` with the given snapshot applied (no notices).
    static func liveModel(users: [ChatUser] = [], messages: [ChatMessage] = []) -> ChatModel {
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connecting, at: time(0))
        _ = model.apply(.connected(identity: me, connectionID: ConnectionId(7)), at: time(0))
        let withMe = users.contains { $0.identity == me } ? users : users + [ChatUser(identity: me, name: nil, online: true)]
        _ = model.apply(.initialRowsApplied(users: withMe, messages: messages), at: time(0))
        return model
    }

    /// The text of every notice in the log, in order.
    static func notices(_ model: ChatModel) -> [String] {
        model.log.entries.compactMap { entry in
            if case .notice(let notice) = entry.content { return notice.text }
            return nil
        }
    }

    /// The message rows in the log, in order.
    static func rows(_ model: ChatModel) -> [ChatMessage] {
        model.log.entries.compactMap { entry in
            if case .message(let message) = entry.content { return message }
            return nil
        }
    }

    /// The outgoing entries in the log, in order.
    static func outgoing(_ model: ChatModel) -> [OutgoingMessage] {
        model.log.entries.compactMap { entry in
            if case .outgoing(let outgoing) = entry.content { return outgoing }
            return nil
        }
    }

    /// Every entry's text (message, outgoing or notice), in log order.
    static func texts(_ model: ChatModel) -> [String] {
        model.log.entries.map { entry in
            switch entry.content {
            case .message(let message): message.text
            case .notice(let notice): notice.text
            case .outgoing(let outgoing): outgoing.text
            }
        }
    }
}
