import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

/// The database side of the host: committed tables, the commit log, every client's subscriptions, and
/// the rules for who hears what.
///
/// An actor, so transactions run one at a time. Each transaction is appended to the commit log and
/// fsync'd before any client is told about it; transactions that arrive during a sync share the next
/// one (group commit, `HostEngine+GroupCommit.swift`).
///
/// The actor runs on its own serial queue (``EngineExecutor``): the fsync blocks, and it must block
/// that queue's thread rather than one of the few Swift concurrency threads every other task shares.
actor HostEngine {
    var tables: ChatTables
    let commitLog: CommitLog
    let executor = EngineExecutor()
    var sessions: [UInt64: ClientSession] = [:]
    /// Every connected client's subscriptions, grouped by what an update looks like to them.
    var subscriptions = SubscriberRegistry()
    /// Sessions closed for a protocol error: their queued frames are ignored.
    var rejected: Set<UInt64> = []
    var stopped = false
    /// Transactions written to the log and waiting for the next group sync, in commit order.
    var awaitingSync: [PendingCommit] = []
    /// The sync running on the sync thread, if any (``BackgroundSync``).
    var syncInFlight: BackgroundSync?
    /// The transactions the sync in flight covers, in commit order (all before ``awaitingSync``).
    var inFlightBatch: [PendingCommit] = []
    /// Numbers the background syncs, so a late completion job is told from the current one.
    var syncGeneration: UInt64 = 0
    /// Where the background syncs run: a thread of their own, so the engine goes on meanwhile.
    let syncQueue = DispatchQueue(label: "spacetime-chat.host-sync")
    /// Runs a background sync's `fdatasync` (tests replace it to hold a sync in flight or fail it).
    var performSync: @Sendable (SyncRequest) -> Int32 = { $0.run() }
    /// Whether a sync job is already queued on the engine's executor (or held, see ``syncHeld``).
    var syncScheduled = false
    /// Whether the scheduled sync is waiting for the last sync's callers (``SyncHold``).
    var syncHeld = false
    /// Decides how long a sync waits for the callers the last one acknowledged.
    var syncHold = SyncHold()
    /// While a group sync's callbacks run: the messages they send, submitted together when they are
    /// done (one task per event loop per sync, not per transaction).
    var syncDeliveries = DeliveryBatch()
    /// Whether a group sync's callbacks are running (their messages go into ``syncDeliveries``).
    var collectingSyncDeliveries = false
    let logger: Logger

    init(tables: ChatTables, commitLog: CommitLog, logger: Logger) {
        self.tables = tables
        self.commitLog = commitLog
        self.logger = logger
    }

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// The committed tables (for tests and diagnostics).
    var snapshot: ChatTables { tables }

    /// The number of connected clients.
    var connectedCount: Int { sessions.count }

    // MARK: - Connection lifecycle

    /// Runs `identity_connected`, tells subscribers, then sends the client its first message.
    func connect(_ session: ClientSession) {
        guard !stopped else {
            session.close(code: .goingAway, reason: "host is shutting down")
            return
        }
        let changes = QuickstartChatModule.identityConnected(sender: session.identity, tables: tables)
        do {
            try commit(changes)
        } catch {
            // As SpacetimeDB does when client_connected fails: drop the socket without a message.
            logger.error("identity_connected could not commit; dropping the client", metadata: ["error": "\(error)"])
            session.close(code: .unexpectedServerError, reason: "\(error)")
            return
        }
        sessions[session.id] = session
        subscriptions.add(session)
        broadcastLifecycle(
            reducer: QuickstartChatModule.connectReducer, caller: session, changes: changes)
        let first: [UInt8]
        if session.webSocketProtocol.usesV2Messages {
            first = V2.ServerMessage.initialConnection(
                V2.InitialConnection(identity: session.identity, connectionId: session.connectionId, token: session.token)
            ).bsatnBytes()
        } else {
            first = V1.ServerMessage.identityToken(
                V1.IdentityToken(identity: session.identity, token: session.token, connectionId: session.connectionId)
            ).bsatnBytes()
        }
        session.send([first])
        logger.info(
            "client connected",
            metadata: [
                "identity": "\(session.identity.hexString)", "connection_id": "\(session.connectionId.hexString)",
                "protocol": "\(session.webSocketProtocol.rawValue)",
            ])
    }

    /// Runs `identity_disconnected` for a client whose socket closed, and tells the remaining subscribers.
    func disconnect(_ session: ClientSession) {
        // Its pending results and updates go out before the session disappears.
        syncAwaiting()
        rejected.remove(session.id)
        guard sessions.removeValue(forKey: session.id) != nil else { return }
        subscriptions[session.id] = nil
        guard !stopped else { return }
        let changes = QuickstartChatModule.identityDisconnected(sender: session.identity, tables: tables)
        do {
            try commit(changes)
        } catch {
            logger.error("identity_disconnected could not commit", metadata: ["error": "\(error)"])
            return
        }
        broadcastLifecycle(reducer: QuickstartChatModule.disconnectReducer, caller: session, changes: changes)
        logger.info("client disconnected", metadata: ["identity": "\(session.identity.hexString)"])
    }

    /// Stops serving: every connected user is marked offline in one durable transaction, then the log is closed.
    func stop() {
        guard !stopped else { return }
        syncAwaiting()
        var changes = TransactionChanges()
        for user in tables.allUsers where user.online {
            changes.deletedUsers.append(user)
            changes.insertedUsers.append(User(identity: user.identity, name: user.name, online: false))
        }
        do {
            try commit(changes)
        } catch {
            logger.error("could not record users offline at shutdown", metadata: ["error": "\(error)"])
        }
        stopped = true
        commitLog.closeFile()
        for session in sessions.values { session.close(code: .goingAway, reason: "host is shutting down") }
        sessions.removeAll()
        subscriptions.removeAll()
    }

    // MARK: - Incoming frames

    /// Handles one binary frame from a client.
    func handle(frame: [UInt8], from session: ClientSession) {
        guard sessions[session.id] != nil, !rejected.contains(session.id), !stopped else { return }
        switch session.webSocketProtocol {
        case .v1:
            switch Result(catching: { () throws(BSATNDecodingError) in try V1.ClientMessage(bsatnBytes: frame) }) {
            case .success(let message): handleV1(message, from: session)
            case .failure(let error): reject(session, reason: "\(error)")
            }
        case .v2:
            switch Result(catching: { () throws(BSATNDecodingError) in try V2.ClientMessage(bsatnBytes: frame) }) {
            case .success(let message): handleV2(message, from: session)
            case .failure(let error): reject(session, reason: "\(error)")
            }
        case .v3:
            guard !frame.isEmpty else {
                reject(session, reason: "v3 websocket binary payload must contain at least one v2 client message")
                return
            }
            // Like SpacetimeDB, handle each message as it is decoded: the ones before a bad one take effect.
            var reader = BSATNReader(frame)
            while !reader.isAtEnd, !rejected.contains(session.id) {
                switch Result(catching: { () throws(BSATNDecodingError) in try V2.ClientMessage(bsatn: &reader) }) {
                case .success(let message): handleV2(message, from: session)
                case .failure(let error):
                    reject(session, reason: "\(error)")
                    return
                }
            }
        }
    }

    /// Closes a client whose input cannot be handled with 1011 and the reason (SpacetimeDB's behaviour).
    func reject(_ session: ClientSession, reason: String) {
        rejected.insert(session.id)
        logger.warning("closing client after a bad message", metadata: ["reason": "\(reason)"])
        session.close(code: .unexpectedServerError, reason: reason)
    }

    // MARK: - Helpers

    func parseAll(_ sqls: [String]) throws(SQLError) -> [SQLQuery] {
        var queries: [SQLQuery] = []
        for sql in sqls { queries += try QueryTextLimit.parse(sql) }
        return queries
    }

    func elapsedMicros(since start: ContinuousClock.Instant) -> UInt64 {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return UInt64(max(0, micros))
    }

    func elapsedDuration(since start: ContinuousClock.Instant) -> TimeDuration {
        TimeDuration(microseconds: Int64(elapsedMicros(since: start)))
    }
}

extension HostEngine {
    /// Runs `work` on the engine after everything already queued on it, without creating a task.
    nonisolated func run(_ work: @escaping @Sendable (isolated HostEngine) -> Void) {
        executor.run { [self] in
            assumeIsolated { engine in work(engine) }
        }
    }
}
