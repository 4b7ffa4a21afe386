import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

/// The database side of the host: committed tables, the commit log, every client's subscriptions, and
/// the rules for who hears what.
///
/// An actor, so transactions run one at a time. Each transaction is appended to the commit log and
/// fsync'd before any client is told about it.
///
/// The actor runs on its own serial queue (``EngineExecutor``): the fsync blocks, and it must block
/// that queue's thread rather than one of the few Swift concurrency threads every other task shares.
actor HostEngine {
    private var tables: ChatTables
    private let commitLog: CommitLog
    private let executor = EngineExecutor()
    private var sessions: [UInt64: ClientSession] = [:]
    private var subscriptions: [UInt64: ClientSubscriptions] = [:]
    /// Sessions closed for a protocol error: their queued frames are ignored.
    private var rejected: Set<UInt64> = []
    private var stopped = false
    private let logger: Logger

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
        subscriptions[session.id] = ClientSubscriptions()
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

    // MARK: - v1

    private func handleV1(_ message: V1.ClientMessage, from session: ClientSession) {
        let started = ContinuousClock.now
        switch message {
        case .callReducer(let call):
            callReducer(
                name: call.reducer, args: call.args, requestId: call.requestId,
                notifyCaller: call.flags == .fullUpdate, caller: session)
        case .subscribe(let subscribe):
            let queries: [SQLQuery]
            do {
                queries = try parseAll(subscribe.queryStrings)
            } catch {
                sendV1SubscriptionError(session, requestId: subscribe.requestId, queryId: nil, error: error.description, started: started)
                return
            }
            _ = subscriptions[session.id]?.replaceLegacy(with: queries)
            let update = UpdateBuilder.v1Snapshot(queries: ClientSubscriptions.deduplicated(queries), tables: tables)
            session.send([
                V1.ServerMessage.initialSubscription(
                    V1.InitialSubscription(
                        databaseUpdate: update, requestId: subscribe.requestId,
                        totalHostExecutionDuration: elapsedDuration(since: started))
                ).bsatnBytes()
            ])
        case .subscribeSingle(let single):
            let queries: [SQLQuery]
            let added: [SQLQuery]
            do {
                queries = try QueryTextLimit.parse(single.query)
                guard queries.count == 1 else {
                    throw SQLError.unsupported(sql: single.query, reason: "SubscribeSingle takes a query over one table")
                }
                added = try subscribeV1(session, id: single.queryId.id, queries: queries)
            } catch {
                sendV1SubscriptionError(
                    session, requestId: single.requestId, queryId: single.queryId.id, error: "\(error)", started: started)
                return
            }
            // Rows go out only the first time this client subscribes to the query (SDKs reference-count rows).
            let rows = UpdateBuilder.v1SubscribeRows(
                query: queries[0], tables: tables, asDeletes: false, includeRows: !added.isEmpty)
            session.send([
                V1.ServerMessage.subscribeApplied(
                    V1.SubscribeApplied(
                        requestId: single.requestId, totalHostExecutionDurationMicros: elapsedMicros(since: started),
                        queryId: single.queryId, rows: rows)
                ).bsatnBytes()
            ])
        case .subscribeMulti(let multi):
            let added: [SQLQuery]
            do {
                added = try subscribeV1(session, id: multi.queryId.id, queries: try parseAll(multi.queryStrings))
            } catch {
                sendV1SubscriptionError(
                    session, requestId: multi.requestId, queryId: multi.queryId.id, error: "\(error)", started: started)
                return
            }
            session.send([
                V1.ServerMessage.subscribeMultiApplied(
                    V1.SubscribeMultiApplied(
                        requestId: multi.requestId, totalHostExecutionDurationMicros: elapsedMicros(since: started),
                        queryId: multi.queryId, update: UpdateBuilder.v1Snapshot(queries: added, tables: tables))
                ).bsatnBytes()
            ])
        case .unsubscribe(let unsubscribe):
            let dropped: [SQLQuery]
            let subscribed: [SQLQuery]
            do {
                guard var current = subscriptions[session.id] else { return }
                subscribed = current.v1Queries(forId: unsubscribe.queryId.id) ?? []
                dropped = try current.unsubscribeV1(id: unsubscribe.queryId.id)
                subscriptions[session.id] = current
            } catch {
                sendV1SubscriptionError(
                    session, requestId: unsubscribe.requestId, queryId: unsubscribe.queryId.id, error: "\(error)",
                    started: started)
                return
            }
            let query = subscribed.first ?? SQLQuery(table: .user)
            // Rows leave only when no other id of this client still holds the query.
            let rows = UpdateBuilder.v1SubscribeRows(
                query: query, tables: tables, asDeletes: true, includeRows: !dropped.isEmpty)
            session.send([
                V1.ServerMessage.unsubscribeApplied(
                    V1.UnsubscribeApplied(
                        requestId: unsubscribe.requestId, totalHostExecutionDurationMicros: elapsedMicros(since: started),
                        queryId: unsubscribe.queryId, rows: rows)
                ).bsatnBytes()
            ])
        case .unsubscribeMulti(let unsubscribe):
            let dropped: [SQLQuery]
            do {
                guard var current = subscriptions[session.id] else { return }
                dropped = try current.unsubscribeV1(id: unsubscribe.queryId.id)
                subscriptions[session.id] = current
            } catch {
                sendV1SubscriptionError(
                    session, requestId: unsubscribe.requestId, queryId: unsubscribe.queryId.id, error: "\(error)",
                    started: started)
                return
            }
            session.send([
                V1.ServerMessage.unsubscribeMultiApplied(
                    V1.UnsubscribeMultiApplied(
                        requestId: unsubscribe.requestId, totalHostExecutionDurationMicros: elapsedMicros(since: started),
                        queryId: unsubscribe.queryId,
                        update: UpdateBuilder.v1Snapshot(queries: dropped, tables: tables, asDeletes: true))
                ).bsatnBytes()
            ])
        case .oneOffQuery(let query):
            var response = V1.OneOffQueryResponse(
                messageId: query.messageId, error: nil, tables: [], totalHostExecutionDuration: TimeDuration(microseconds: 0))
            do {
                let queries = try QueryTextLimit.parse(query.queryString)
                response.tables = queries.map { query in
                    V1.OneOffTable(
                        tableName: query.table.rawValue,
                        rows: BsatnRowList(encodedRows: UpdateBuilder.rows(of: query, in: tables)))
                }
            } catch {
                response.error = error.description
            }
            response.totalHostExecutionDuration = elapsedDuration(since: started)
            session.send([V1.ServerMessage.oneOffQueryResponse(response).bsatnBytes()])
        case .callProcedure(let call):
            session.send([
                V1.ServerMessage.procedureResult(
                    V1.ProcedureResult(
                        status: .internalError("no such procedure"), timestamp: .now(),
                        totalHostExecutionDuration: elapsedDuration(since: started), requestId: call.requestId)
                ).bsatnBytes()
            ])
        }
    }

    private func subscribeV1(_ session: ClientSession, id: UInt32, queries: [SQLQuery]) throws -> [SQLQuery] {
        guard var current = subscriptions[session.id] else { return [] }
        let added = try current.subscribeV1(id: id, queries: queries)
        subscriptions[session.id] = current
        return added
    }

    private func sendV1SubscriptionError(
        _ session: ClientSession, requestId: UInt32, queryId: UInt32?, error: String, started: ContinuousClock.Instant
    ) {
        session.send([
            V1.ServerMessage.subscriptionError(
                V1.SubscriptionError(
                    totalHostExecutionDurationMicros: elapsedMicros(since: started), requestId: requestId,
                    queryId: queryId, tableId: nil, error: error)
            ).bsatnBytes()
        ])
    }

    // MARK: - v2

    private func handleV2(_ message: V2.ClientMessage, from session: ClientSession) {
        let started = ContinuousClock.now
        switch message {
        case .callReducer(let call):
            callReducer(name: call.reducer, args: call.args, requestId: call.requestId, notifyCaller: true, caller: session)
        case .subscribe(let subscribe):
            let queries: [SQLQuery]
            do {
                guard var current = subscriptions[session.id] else { return }
                queries = try current.subscribeV2(id: subscribe.querySetId.id, queries: try parseAll(subscribe.queryStrings))
                subscriptions[session.id] = current
            } catch {
                session.send([
                    V2.ServerMessage.subscriptionError(
                        V2.SubscriptionError(requestId: subscribe.requestId, querySetId: subscribe.querySetId, error: "\(error)")
                    ).bsatnBytes()
                ])
                return
            }
            session.send([
                V2.ServerMessage.subscribeApplied(
                    V2.SubscribeApplied(
                        requestId: subscribe.requestId, querySetId: subscribe.querySetId,
                        rows: UpdateBuilder.v2QueryRows(queries: queries, tables: tables))
                ).bsatnBytes()
            ])
        case .unsubscribe(let unsubscribe):
            let queries: [SQLQuery]
            do {
                guard var current = subscriptions[session.id] else { return }
                queries = try current.unsubscribeV2(id: unsubscribe.querySetId.id)
                subscriptions[session.id] = current
            } catch {
                session.send([
                    V2.ServerMessage.subscriptionError(
                        V2.SubscriptionError(
                            requestId: unsubscribe.requestId, querySetId: unsubscribe.querySetId, error: "\(error)")
                    ).bsatnBytes()
                ])
                return
            }
            let rows = unsubscribe.flags == .sendDroppedRows
                ? UpdateBuilder.v2QueryRows(queries: queries, tables: tables) : nil
            session.send([
                V2.ServerMessage.unsubscribeApplied(
                    V2.UnsubscribeApplied(requestId: unsubscribe.requestId, querySetId: unsubscribe.querySetId, rows: rows)
                ).bsatnBytes()
            ])
        case .oneOffQuery(let query):
            let result: BSATNResult<V2.QueryRows, String>
            do {
                result = .ok(UpdateBuilder.v2QueryRows(queries: try QueryTextLimit.parse(query.queryString), tables: tables))
            } catch {
                result = .err(error.description)
            }
            session.send([
                V2.ServerMessage.oneOffQueryResult(V2.OneOffQueryResult(requestId: query.requestId, result: result))
                    .bsatnBytes()
            ])
        case .callProcedure(let call):
            session.send([
                V2.ServerMessage.procedureResult(
                    V2.ProcedureResult(
                        status: .internalError("no such procedure"), timestamp: .now(),
                        totalHostExecutionDuration: elapsedDuration(since: started), requestId: call.requestId)
                ).bsatnBytes()
            ])
        }
    }

    // MARK: - Reducers and delivery

    private func callReducer(name: String, args: [UInt8], requestId: UInt32, notifyCaller: Bool, caller: ClientSession) {
        let started = ContinuousClock.now
        let timestamp = Timestamp.now()
        let outcome = QuickstartChatModule.callFromClient(
            reducer: name, args: args, sender: caller.identity, timestamp: timestamp, tables: tables)
        switch outcome {
        case .success(let changes):
            do {
                try commit(changes)
            } catch {
                logger.error("commit failed", metadata: ["error": "\(error)"])
                deliverFailure(
                    .reducerFailed("\(error)"), name: name, args: args, requestId: requestId, timestamp: timestamp,
                    notifyCaller: notifyCaller, caller: caller, started: started)
                return
            }
            deliverCommitted(
                changes.normalized, reducer: name, args: args, requestId: requestId, timestamp: timestamp,
                caller: caller, notifyCaller: notifyCaller, started: started)
        case .failure(let error):
            deliverFailure(
                error, name: name, args: args, requestId: requestId, timestamp: timestamp, notifyCaller: notifyCaller,
                caller: caller, started: started)
        }
    }

    /// Commits a transaction: durable in the log first, then applied to the tables.
    private func commit(_ changes: TransactionChanges) throws(HostError) {
        let normalized = changes.normalized
        guard !normalized.isEmpty else { return }
        try commitLog.append(changes: normalized.logChanges)
        tables.apply(normalized)
    }

    private func deliverFailure(
        _ error: ReducerCallError, name: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        notifyCaller: Bool, caller: ClientSession, started: ContinuousClock.Instant
    ) {
        // Failures reach only the caller, and not even it for NoSuccessNotify (SpacetimeDB: no caller).
        guard notifyCaller else { return }
        if caller.webSocketProtocol.usesV2Messages {
            let outcome: V2.ReducerOutcome
            let resultTimestamp: Timestamp
            if error.isRejectedBeforeRunning {
                outcome = .internalError(error.description)
                resultTimestamp = .now()
            } else {
                outcome = .err(error.description.bsatnBytes())
                resultTimestamp = timestamp
            }
            caller.send([
                V2.ServerMessage.reducerResult(
                    V2.ReducerResult(requestId: requestId, timestamp: resultTimestamp, result: outcome)
                ).bsatnBytes()
            ])
        } else {
            // 2.x servers echo the call's request id on failures (1.x servers sent 0).
            let update = V1.TransactionUpdate(
                status: .failed(error.description), timestamp: timestamp, callerIdentity: caller.identity,
                callerConnectionId: caller.connectionId,
                reducerCall: V1.ReducerCallInfo(
                    reducerName: name, reducerId: QuickstartChatModule.reducerId(of: name), args: args,
                    requestId: requestId),
                energyQuantaUsed: EnergyQuanta(quanta: 0), totalHostExecutionDuration: elapsedDuration(since: started))
            caller.send([V1.ServerMessage.transactionUpdate(update).bsatnBytes()])
        }
    }

    /// What a non-caller's update depends on: clients with equal keys get identical bytes.
    private struct DeliveryKey: Hashable {
        var usesV2Messages: Bool
        var light: Bool
        var setIds: [UInt32]
        var queries: [[SQLQuery]]
    }

    private func deliverCommitted(
        _ changes: TransactionChanges, reducer: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        caller: ClientSession?, notifyCaller: Bool, started: ContinuousClock.Instant
    ) {
        let duration = elapsedDuration(since: started)
        let reducerCall = V1.ReducerCallInfo(
            reducerName: reducer, reducerId: QuickstartChatModule.reducerId(of: reducer), args: args, requestId: requestId)
        // Most clients subscribe to the same queries: encode each distinct update once (nil: nothing to send).
        var encoded: [DeliveryKey: [UInt8]?] = [:]
        for (id, session) in sessions {
            guard let subscription = subscriptions[id] else { continue }
            let isCaller = notifyCaller && caller?.id == id
            let usesV2 = session.webSocketProtocol.usesV2Messages
            let key = DeliveryKey(
                usesV2Messages: usesV2, light: !usesV2 && session.light, setIds: usesV2 ? subscription.v2Sets.map(\.id) : [],
                queries: usesV2 ? subscription.v2Sets.map(\.queries) : [subscription.v1Queries])
            if !isCaller, let cached = encoded[key] {
                if let bytes = cached { session.send([bytes]) }
                continue
            }
            let message: [UInt8]?
            if usesV2 {
                let querySets = changes.isEmpty
                    ? [] : UpdateBuilder.v2QuerySetUpdates(sets: subscription.v2Sets, changes: changes)
                if isCaller {
                    message = V2.ServerMessage.reducerResult(
                        V2.ReducerResult(
                            requestId: requestId, timestamp: timestamp,
                            result: .ok(
                                V2.ReducerOk(retValue: [], transactionUpdate: V2.TransactionUpdate(querySets: querySets))))
                    ).bsatnBytes()
                } else if !querySets.isEmpty {
                    message = V2.ServerMessage.transactionUpdate(V2.TransactionUpdate(querySets: querySets)).bsatnBytes()
                } else {
                    message = nil
                }
            } else {
                let update = changes.isEmpty
                    ? V1.DatabaseUpdate(tables: [])
                    : UpdateBuilder.v1TransactionUpdate(queries: subscription.v1Queries, changes: changes)
                if !isCaller && update.tables.isEmpty {
                    message = nil
                } else if !isCaller && session.light {
                    message = V1.ServerMessage.transactionUpdateLight(
                        V1.TransactionUpdateLight(requestId: requestId, update: update)
                    ).bsatnBytes()
                } else {
                    message = V1.ServerMessage.transactionUpdate(
                        V1.TransactionUpdate(
                            status: .committed(update), timestamp: timestamp,
                            callerIdentity: caller?.identity ?? .zero, callerConnectionId: caller?.connectionId ?? .zero,
                            reducerCall: reducerCall, energyQuantaUsed: EnergyQuanta(quanta: 0),
                            totalHostExecutionDuration: duration)
                    ).bsatnBytes()
                }
            }
            if !isCaller { encoded[key] = .some(message) }
            if let message { session.send([message]) }
        }
    }

    /// Tells subscribers about a lifecycle reducer's changes; the connecting client itself is not a caller
    /// that expects a result (it has no subscriptions yet, or is gone).
    private func broadcastLifecycle(reducer: String, caller: ClientSession, changes: TransactionChanges) {
        let normalized = changes.normalized
        guard !normalized.isEmpty else { return }
        deliverCommitted(
            normalized, reducer: reducer, args: [], requestId: 0, timestamp: .now(), caller: caller,
            notifyCaller: false, started: .now)
    }

    // MARK: - Helpers

    private func parseAll(_ sqls: [String]) throws(SQLError) -> [SQLQuery] {
        var queries: [SQLQuery] = []
        for sql in sqls { queries += try QueryTextLimit.parse(sql) }
        return queries
    }

    private func elapsedMicros(since start: ContinuousClock.Instant) -> UInt64 {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return UInt64(max(0, micros))
    }

    private func elapsedDuration(since start: ContinuousClock.Instant) -> TimeDuration {
        TimeDuration(microseconds: Int64(elapsedMicros(since: start)))
    }
}
