import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

extension HostEngine {
    /// Handles one decoded v1 client message.
    func handleV1(_ message: V1.ClientMessage, from session: ClientSession) {
        // Reads and subscription changes see only durable rows, after every earlier result went out.
        if case .callReducer = message {} else { syncAwaiting() }
        let started = ContinuousClock.now
        switch message {
        case .callReducer(let call): v1CallReducer(call, from: session, started: started)
        case .subscribe(let subscribe): v1Subscribe(subscribe, from: session, started: started)
        case .subscribeSingle(let single): v1SubscribeSingle(single, from: session, started: started)
        case .subscribeMulti(let multi): v1SubscribeMulti(multi, from: session, started: started)
        case .unsubscribe(let unsubscribe): v1Unsubscribe(unsubscribe, from: session, started: started)
        case .unsubscribeMulti(let unsubscribe): v1UnsubscribeMulti(unsubscribe, from: session, started: started)
        case .oneOffQuery(let query): v1OneOffQuery(query, from: session, started: started)
        case .callProcedure(let call): v1CallProcedure(call, from: session, started: started)
        }
    }

    /// Runs a reducer call.
    private func v1CallReducer(_ call: V1.CallReducer, from session: ClientSession, started: ContinuousClock.Instant) {
        callReducer(
            name: call.reducer, args: call.args, requestId: call.requestId,
            notifyCaller: call.flags == .fullUpdate, caller: session)
    }

    /// Replaces the legacy subscription set and sends `InitialSubscription`.
    private func v1Subscribe(_ subscribe: V1.Subscribe, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Adds one query under an id and sends `SubscribeApplied`.
    private func v1SubscribeSingle(_ single: V1.SubscribeSingle, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Adds queries under an id and sends `SubscribeMultiApplied`.
    private func v1SubscribeMulti(_ multi: V1.SubscribeMulti, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Drops a `SubscribeSingle` id and sends `UnsubscribeApplied`.
    private func v1Unsubscribe(_ unsubscribe: V1.Unsubscribe, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Drops a `SubscribeMulti` id and sends `UnsubscribeMultiApplied`.
    private func v1UnsubscribeMulti(_ unsubscribe: V1.UnsubscribeMulti, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Answers a one-off query with the rows it selects.
    private func v1OneOffQuery(_ query: V1.OneOffQuery, from session: ClientSession, started: ContinuousClock.Instant) {
        var response = V1.OneOffQueryResponse(
            messageId: query.messageId, error: nil, tables: [], totalHostExecutionDuration: TimeDuration(microseconds: 0))
        do {
            let queries = try QueryTextLimit.parse(query.queryString)
            response.tables = queries.map { query in
                V1.OneOffTable(tableName: query.table.rawValue, rows: UpdateBuilder.rowList(of: query, in: tables))
            }
        } catch {
            response.error = error.description
        }
        response.totalHostExecutionDuration = elapsedDuration(since: started)
        session.send([V1.ServerMessage.oneOffQueryResponse(response).bsatnBytes()])
    }

    /// Answers a procedure call (the module has none).
    private func v1CallProcedure(_ call: V1.CallProcedure, from session: ClientSession, started: ContinuousClock.Instant) {
        session.send([
            V1.ServerMessage.procedureResult(
                V1.ProcedureResult(
                    status: .internalError("no such procedure"), timestamp: .now(),
                    totalHostExecutionDuration: elapsedDuration(since: started), requestId: call.requestId)
            ).bsatnBytes()
        ])
    }

    func subscribeV1(_ session: ClientSession, id: UInt32, queries: [SQLQuery]) throws -> [SQLQuery] {
        guard var current = subscriptions[session.id] else { return [] }
        let added = try current.subscribeV1(id: id, queries: queries)
        subscriptions[session.id] = current
        return added
    }

    func sendV1SubscriptionError(
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
}
