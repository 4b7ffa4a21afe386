import ChatCore
import ChatTerminal
import Foundation
import Logging
import Synchronization
import QuickstartChat
import SpacetimeDB

/// Connects to quickstart-chat with the SDK and turns every SDK callback into an ``AppEvent`` for the
/// UI thread. Callbacks run on the SDK's drain queue (`runThreaded()`); nothing here touches the screen.
final class ChatConnectionBridge: Sendable {
    let connection: DbConnection
    private let inbox: EventInbox<AppEvent>
    private let subscribed = Mutex(false)

    /// Builds the connection and starts draining it on a background queue.
    init(
        settings: ChatSettings, credentials: CredentialsFile, token: String?, inbox: EventInbox<AppEvent>, logger: Logger
    ) throws(DbConnectionError) {
        self.inbox = inbox
        let compression = settings.compression.compression(forHost: settings.host)
        logger.info("asking \(settings.host) for \(compression) compression (--compression \(settings.compression))")
        let connection = try DbConnection.builder()
            .withUri(settings.host)
            .withDatabaseName(settings.database)
            .withToken(token)
            .withCompression(compression)
            .withReconnect()
            .withLogger(logger)
            .onConnect { connection, identity, token in
                do {
                    try credentials.save(token)
                } catch {
                    logger.warning("could not save the token: \(error)")
                }
                inbox.post(.chat(.connected(identity: identity, connectionID: connection.connectionId ?? .zero)))
            }
            .onConnectError { _, error in
                inbox.post(.initialConnectFailed(error))
            }
            .onDisconnect { _, error in
                inbox.post(.chat(.disconnected(reason: error.map { "\($0)" })))
            }
            .onStatusChange { status in
                switch status {
                case .connecting:
                    inbox.post(.chat(.connecting))
                case .connected:
                    // The first connect is reported by onConnect (it carries the identity); the model
                    // ignores this one until then, and treats later ones as a reconnect.
                    inbox.post(.chat(.reconnected))
                case .reconnecting(let attempt, let nextTry):
                    inbox.post(.chat(.reconnecting(attempt: attempt, nextAttemptAt: Timestamp(nextTry))))
                case .closed(let reason):
                    inbox.post(.closed(reason))
                }
            }
            .build()
        self.connection = connection
        registerCallbacks()
    }

    /// Subscribes after the first connect: every `user`, and `message` from `windowStart` on (every
    /// message when nil). The SDK re-issues live subscriptions itself after a reconnect, with the same
    /// window start, so later connects do nothing here. A server that refuses the window (1.0.x has no
    /// timestamp literals) gets the full subscription instead.
    func subscribeIfNeeded(windowStart: Timestamp?, logger: Logger) {
        let first = subscribed.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        guard let windowStart else {
            subscribe(["SELECT * FROM user", "SELECT * FROM message"], logger: logger, onRefused: nil)
            return
        }
        let window: SQLText = "SELECT * FROM message WHERE sent >= \(windowStart)"
        logger.info("subscribing to the message window: \(window)")
        subscribe(["SELECT * FROM user", window.sql], logger: logger) { [self] reason in
            logger.warning("the server refused the history window (\(reason)); subscribing to every message")
            inbox.post(.chat(.historyWindowRefused(reason: reason)))
            subscribe(["SELECT * FROM user", "SELECT * FROM message"], logger: logger, onRefused: nil)
        }
    }

    private func subscribe(_ queries: [String], logger: Logger, onRefused: (@Sendable (String) -> Void)?) {
        let inbox = self.inbox
        let requested = ContinuousClock.now
        connection.subscriptionBuilder()
            .onApplied { [logger] context in
                let started = ContinuousClock.now
                // Straight from the cache's rows into the model's: no intermediate `[Message]`.
                let users = context.connection.db.user.mapRows(ChatUser.init)
                let messages = context.connection.db.message.mapRows(ChatMessage.init)
                logger.info("""
                    subscription applied \(ElapsedTime.milliseconds(since: requested)) after it was asked for \
                    (the host's answer, its transfer and the SDK's decoding and caching); \(messages.count) messages, \
                    \(users.count) users copied from the cache in \(ElapsedTime.milliseconds(since: started))
                    """)
                inbox.post(.chat(.initialRowsApplied(users: users, messages: messages)))
            }
            .onError { _, error in
                if let onRefused { onRefused(error) } else { inbox.post(.chat(.subscriptionFailed(reason: error))) }
            }
            .subscribe(queries)
    }

    /// Runs a history page's one-off query; the rows (or why not) come back as a chat event.
    func loadHistory(_ request: HistoryPageRequest, logger: Logger) {
        let inbox = self.inbox
        logger.info("history page \(request.id): \(request.sql)")
        connection.query(SQLText(verbatim: request.sql), table: "message", as: Message.self) { result in
            switch result {
            case .success(let rows):
                logger.info("history page \(request.id): \(rows.count) rows")
                inbox.post(.chat(.historyPageLoaded(requestID: request.id, messages: rows.map(ChatMessage.init))))
            case .failure(.query(.disconnected)):
                logger.warning("history page \(request.id): lost with the connection; asked again once reconnected")
                inbox.post(.chat(.historyPageFailed(requestID: request.id, reason: "disconnected", connectionLost: true)))
            case .failure(let error):
                logger.warning("history page \(request.id) failed: \(error)")
                inbox.post(.chat(.historyPageFailed(requestID: request.id, reason: "\(error)", connectionLost: false)))
            }
        }
    }

    /// Starts draining the SDK's inbox on its background queue.
    func run() {
        connection.runThreaded()
    }

    /// Calls `send_message`; the result comes back as a chat event with the call's local id.
    func sendMessage(_ text: String, localID: LocalCallID) {
        let inbox = self.inbox
        connection.reducers.sendMessage(text: text) { _, status in
            inbox.post(.chat(.sendMessageResult(localID: localID, text: text, outcome: ReducerOutcome(status))))
        }
    }

    /// Calls `set_name`; the result comes back as a chat event with the call's local id.
    func setName(_ name: String, localID: LocalCallID) {
        let inbox = self.inbox
        connection.reducers.setName(name: name) { _, status in
            inbox.post(.chat(.setNameResult(localID: localID, name: name, outcome: ReducerOutcome(status))))
        }
    }

    private func registerCallbacks() {
        let inbox = self.inbox
        // Rows that arrive with a subscription are history: they reach the model in one batch
        // through `onApplied`, so the per-row callbacks skip them.
        connection.db.user.onInsert { context, user in
            guard !context.isSubscriptionApplied else { return }
            inbox.post(.chat(.userInserted(ChatUser(user))))
        }
        connection.db.user.onUpdate { context, old, new in
            guard !context.isSubscriptionApplied else { return }
            inbox.post(.chat(.userUpdated(old: ChatUser(old), new: ChatUser(new))))
        }
        connection.db.user.onDelete { context, user in
            guard !context.isSubscriptionApplied, !context.isUnsubscribe else { return }
            inbox.post(.chat(.userDeleted(ChatUser(user))))
        }
        connection.db.message.onInsert { context, message in
            guard !context.isSubscriptionApplied else { return }
            inbox.post(.chat(.messageInserted(ChatMessage(message))))
        }
    }
}

extension EventContext {
    /// Whether these callbacks deliver a subscription's initial rows.
    var isSubscriptionApplied: Bool {
        if case .subscribeApplied = event { return true }
        return false
    }

    /// Whether these callbacks remove an ended subscription's rows.
    var isUnsubscribe: Bool {
        if case .unsubscribeApplied = event { return true }
        return false
    }
}

extension ChatUser {
    init(_ user: User) {
        self.init(identity: user.identity, name: user.name, online: user.online)
    }
}

extension ChatMessage {
    init(_ message: Message) {
        self.init(sender: message.sender, sent: message.sent, text: message.text)
    }
}

extension ReducerOutcome {
    init(_ status: ReducerStatus) {
        switch status {
        case .committed: self = .committed
        case .failed(let message), .internalError(let message): self = .failed(message)
        case .outOfEnergy: self = .failed("the reducer ran out of energy")
        }
    }
}
