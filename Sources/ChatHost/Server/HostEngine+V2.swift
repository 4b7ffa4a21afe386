import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

extension HostEngine {
    /// Handles one decoded v2 client message (v3 frames carry the same messages).
    func handleV2(_ message: V2.ClientMessage, from session: ClientSession) {
        // Reads and subscription changes see only durable rows, after every earlier result went out.
        if case .callReducer = message {} else { syncAwaiting() }
        let started = ContinuousClock.now
        switch message {
        case .callReducer(let call): v2CallReducer(call, from: session, started: started)
        case .subscribe(let subscribe): v2Subscribe(subscribe, from: session, started: started)
        case .unsubscribe(let unsubscribe): v2Unsubscribe(unsubscribe, from: session, started: started)
        case .oneOffQuery(let query): v2OneOffQuery(query, from: session, started: started)
        case .callProcedure(let call): v2CallProcedure(call, from: session, started: started)
        }
    }

    /// Runs a reducer call; the caller always hears the result.
    private func v2CallReducer(_ call: V2.CallReducer, from session: ClientSession, started: ContinuousClock.Instant) {
        callReducer(name: call.reducer, args: call.args, requestId: call.requestId, notifyCaller: true, caller: session)
    }

    /// Adds a query set and sends `SubscribeApplied` with its rows.
    private func v2Subscribe(_ subscribe: V2.Subscribe, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Drops a query set and sends `UnsubscribeApplied` (with the rows when asked).
    private func v2Unsubscribe(_ unsubscribe: V2.Unsubscribe, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Answers a one-off query with the rows it selects.
    private func v2OneOffQuery(_ query: V2.OneOffQuery, from session: ClientSession, started: ContinuousClock.Instant) {
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
    }

    /// Answers a procedure call (the module has none).
    private func v2CallProcedure(_ call: V2.CallProcedure, from session: ClientSession, started: ContinuousClock.Instant) {
        session.send([
            V2.ServerMessage.procedureResult(
                V2.ProcedureResult(
                    status: .internalError("no such procedure"), timestamp: .now(),
                    totalHostExecutionDuration: elapsedDuration(since: started), requestId: call.requestId)
            ).bsatnBytes()
        ])
    }
}
