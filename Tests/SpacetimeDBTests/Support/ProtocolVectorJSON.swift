// Generated from the protocol type list (field names -> the README's snake_case JSON keys, in wire order).
// Renders decoded protocol values as the vectors' `value` JSON; the vectors, not this file, are the oracle.
import SpacetimeDB

extension QueryId: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("id", id.vectorJSON),
        ])
    }
}

extension QuerySetId: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("id", id.vectorJSON),
        ])
    }
}

extension EnergyQuanta: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("quanta", quanta.vectorJSON),
        ])
    }
}

extension V1.CallReducer: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("reducer", reducer.vectorJSON),
            ("args", VectorJSON.hex(args)),
            ("request_id", requestId.vectorJSON),
            ("flags", flags.vectorJSON),
        ])
    }
}

extension V1.Subscribe: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("query_strings", queryStrings.vectorJSON),
            ("request_id", requestId.vectorJSON),
        ])
    }
}

extension V1.OneOffQuery: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("message_id", VectorJSON.hex(messageId)),
            ("query_string", queryString.vectorJSON),
        ])
    }
}

extension V1.SubscribeSingle: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("query", query.vectorJSON),
            ("request_id", requestId.vectorJSON),
            ("query_id", queryId.vectorJSON),
        ])
    }
}

extension V1.SubscribeMulti: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("query_strings", queryStrings.vectorJSON),
            ("request_id", requestId.vectorJSON),
            ("query_id", queryId.vectorJSON),
        ])
    }
}

extension V1.Unsubscribe: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_id", queryId.vectorJSON),
        ])
    }
}

extension V1.UnsubscribeMulti: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_id", queryId.vectorJSON),
        ])
    }
}

extension V1.CallProcedure: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("procedure", procedure.vectorJSON),
            ("args", VectorJSON.hex(args)),
            ("request_id", requestId.vectorJSON),
            ("flags", flags.vectorJSON),
        ])
    }
}

extension V1.InitialSubscription: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("database_update", databaseUpdate.vectorJSON),
            ("request_id", requestId.vectorJSON),
            ("total_host_execution_duration", totalHostExecutionDuration.vectorJSON),
        ])
    }
}

extension V1.TransactionUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("status", status.vectorJSON),
            ("timestamp", timestamp.vectorJSON),
            ("caller_identity", callerIdentity.vectorJSON),
            ("caller_connection_id", callerConnectionId.vectorJSON),
            ("reducer_call", reducerCall.vectorJSON),
            ("energy_quanta_used", energyQuantaUsed.vectorJSON),
            ("total_host_execution_duration", totalHostExecutionDuration.vectorJSON),
        ])
    }
}

extension V1.TransactionUpdateLight: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("update", update.vectorJSON),
        ])
    }
}

extension V1.IdentityToken: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("identity", identity.vectorJSON),
            ("token", token.vectorJSON),
            ("connection_id", connectionId.vectorJSON),
        ])
    }
}

extension V1.OneOffQueryResponse: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("message_id", VectorJSON.hex(messageId)),
            ("error", error.vectorJSON),
            ("tables", tables.vectorJSON),
            ("total_host_execution_duration", totalHostExecutionDuration.vectorJSON),
        ])
    }
}

extension V1.SubscribeApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("total_host_execution_duration_micros", totalHostExecutionDurationMicros.vectorJSON),
            ("query_id", queryId.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V1.UnsubscribeApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("total_host_execution_duration_micros", totalHostExecutionDurationMicros.vectorJSON),
            ("query_id", queryId.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V1.SubscriptionError: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("total_host_execution_duration_micros", totalHostExecutionDurationMicros.vectorJSON),
            ("request_id", requestId.vectorJSON),
            ("query_id", queryId.vectorJSON),
            ("table_id", tableId.vectorJSON),
            ("error", error.vectorJSON),
        ])
    }
}

extension V1.SubscribeMultiApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("total_host_execution_duration_micros", totalHostExecutionDurationMicros.vectorJSON),
            ("query_id", queryId.vectorJSON),
            ("update", update.vectorJSON),
        ])
    }
}

extension V1.UnsubscribeMultiApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("total_host_execution_duration_micros", totalHostExecutionDurationMicros.vectorJSON),
            ("query_id", queryId.vectorJSON),
            ("update", update.vectorJSON),
        ])
    }
}

extension V1.ProcedureResult: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("status", status.vectorJSON),
            ("timestamp", timestamp.vectorJSON),
            ("total_host_execution_duration", totalHostExecutionDuration.vectorJSON),
            ("request_id", requestId.vectorJSON),
        ])
    }
}

extension V1.UpdateStatus: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .committed(let payload): .variant("Committed", payload.vectorJSON)
        case .failed(let payload): .variant("Failed", payload.vectorJSON)
        case .outOfEnergy: .variant("OutOfEnergy", .object([]))
        }
    }
}

extension V1.ReducerCallInfo: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("reducer_name", reducerName.vectorJSON),
            ("reducer_id", reducerId.vectorJSON),
            ("args", VectorJSON.hex(args)),
            ("request_id", requestId.vectorJSON),
        ])
    }
}

extension V1.DatabaseUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("tables", tables.vectorJSON),
        ])
    }
}

extension V1.TableUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("table_id", tableId.vectorJSON),
            ("table_name", tableName.vectorJSON),
            ("num_rows", numRows.vectorJSON),
            ("updates", updates.vectorJSON),
        ])
    }
}

extension V1.CompressableQueryUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .uncompressed(let payload): .variant("Uncompressed", payload.vectorJSON)
        case .brotli(let payload): .variant("Brotli", VectorJSON.hex(payload))
        case .gzip(let payload): .variant("Gzip", VectorJSON.hex(payload))
        }
    }
}

extension V1.QueryUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("deletes", deletes.vectorJSON),
            ("inserts", inserts.vectorJSON),
        ])
    }
}

extension V1.SubscribeRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("table_id", tableId.vectorJSON),
            ("table_name", tableName.vectorJSON),
            ("table_rows", tableRows.vectorJSON),
        ])
    }
}

extension V1.OneOffTable: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("table_name", tableName.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V1.ProcedureStatus: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .returned(let payload): .variant("Returned", VectorJSON.hex(payload))
        case .outOfEnergy: .variant("OutOfEnergy", .object([]))
        case .internalError(let payload): .variant("InternalError", payload.vectorJSON)
        }
    }
}

extension V1.ClientMessage: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .callReducer(let payload): .variant("CallReducer", payload.vectorJSON)
        case .subscribe(let payload): .variant("Subscribe", payload.vectorJSON)
        case .oneOffQuery(let payload): .variant("OneOffQuery", payload.vectorJSON)
        case .subscribeSingle(let payload): .variant("SubscribeSingle", payload.vectorJSON)
        case .subscribeMulti(let payload): .variant("SubscribeMulti", payload.vectorJSON)
        case .unsubscribe(let payload): .variant("Unsubscribe", payload.vectorJSON)
        case .unsubscribeMulti(let payload): .variant("UnsubscribeMulti", payload.vectorJSON)
        case .callProcedure(let payload): .variant("CallProcedure", payload.vectorJSON)
        }
    }
}

extension V1.ServerMessage: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .initialSubscription(let payload): .variant("InitialSubscription", payload.vectorJSON)
        case .transactionUpdate(let payload): .variant("TransactionUpdate", payload.vectorJSON)
        case .transactionUpdateLight(let payload): .variant("TransactionUpdateLight", payload.vectorJSON)
        case .identityToken(let payload): .variant("IdentityToken", payload.vectorJSON)
        case .oneOffQueryResponse(let payload): .variant("OneOffQueryResponse", payload.vectorJSON)
        case .subscribeApplied(let payload): .variant("SubscribeApplied", payload.vectorJSON)
        case .unsubscribeApplied(let payload): .variant("UnsubscribeApplied", payload.vectorJSON)
        case .subscriptionError(let payload): .variant("SubscriptionError", payload.vectorJSON)
        case .subscribeMultiApplied(let payload): .variant("SubscribeMultiApplied", payload.vectorJSON)
        case .unsubscribeMultiApplied(let payload): .variant("UnsubscribeMultiApplied", payload.vectorJSON)
        case .procedureResult(let payload): .variant("ProcedureResult", payload.vectorJSON)
        }
    }
}

extension V2.Subscribe: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_set_id", querySetId.vectorJSON),
            ("query_strings", queryStrings.vectorJSON),
        ])
    }
}

extension V2.Unsubscribe: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_set_id", querySetId.vectorJSON),
            ("flags", flags.vectorJSON),
        ])
    }
}

extension V2.OneOffQuery: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_string", queryString.vectorJSON),
        ])
    }
}

extension V2.CallReducer: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("flags", flags.vectorJSON),
            ("reducer", reducer.vectorJSON),
            ("args", VectorJSON.hex(args)),
        ])
    }
}

extension V2.CallProcedure: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("flags", flags.vectorJSON),
            ("procedure", procedure.vectorJSON),
            ("args", VectorJSON.hex(args)),
        ])
    }
}

extension V2.UnsubscribeFlags: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .default: .variant("Default", .object([]))
        case .sendDroppedRows: .variant("SendDroppedRows", .object([]))
        }
    }
}

extension V2.InitialConnection: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("identity", identity.vectorJSON),
            ("connection_id", connectionId.vectorJSON),
            ("token", token.vectorJSON),
        ])
    }
}

extension V2.SubscribeApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_set_id", querySetId.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V2.UnsubscribeApplied: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_set_id", querySetId.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V2.SubscriptionError: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("query_set_id", querySetId.vectorJSON),
            ("error", error.vectorJSON),
        ])
    }
}

extension V2.TransactionUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("query_sets", querySets.vectorJSON),
        ])
    }
}

extension V2.OneOffQueryResult: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("result", result.vectorJSON),
        ])
    }
}

extension V2.ReducerResult: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("request_id", requestId.vectorJSON),
            ("timestamp", timestamp.vectorJSON),
            ("result", result.vectorJSON),
        ])
    }
}

extension V2.ProcedureResult: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("status", status.vectorJSON),
            ("timestamp", timestamp.vectorJSON),
            ("total_host_execution_duration", totalHostExecutionDuration.vectorJSON),
            ("request_id", requestId.vectorJSON),
        ])
    }
}

extension V2.QueryRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("tables", tables.vectorJSON),
        ])
    }
}

extension V2.SingleTableRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("table", table.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V2.QuerySetUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("query_set_id", querySetId.vectorJSON),
            ("tables", tables.vectorJSON),
        ])
    }
}

extension V2.TableUpdate: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("table_name", tableName.vectorJSON),
            ("rows", rows.vectorJSON),
        ])
    }
}

extension V2.TableUpdateRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .persistentTable(let payload): .variant("PersistentTable", payload.vectorJSON)
        case .eventTable(let payload): .variant("EventTable", payload.vectorJSON)
        }
    }
}

extension V2.PersistentTableRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("inserts", inserts.vectorJSON),
            ("deletes", deletes.vectorJSON),
        ])
    }
}

extension V2.EventTableRows: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("events", events.vectorJSON),
        ])
    }
}

extension V2.ReducerOutcome: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .ok(let payload): .variant("Ok", payload.vectorJSON)
        case .okEmpty: .variant("OkEmpty", .object([]))
        case .err(let payload): .variant("Err", VectorJSON.hex(payload))
        case .internalError(let payload): .variant("InternalError", payload.vectorJSON)
        }
    }
}

extension V2.ReducerOk: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([
            ("ret_value", VectorJSON.hex(retValue)),
            ("transaction_update", transactionUpdate.vectorJSON),
        ])
    }
}

extension V2.ProcedureStatus: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .returned(let payload): .variant("Returned", VectorJSON.hex(payload))
        case .internalError(let payload): .variant("InternalError", payload.vectorJSON)
        }
    }
}

extension V2.ClientMessage: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .subscribe(let payload): .variant("Subscribe", payload.vectorJSON)
        case .unsubscribe(let payload): .variant("Unsubscribe", payload.vectorJSON)
        case .oneOffQuery(let payload): .variant("OneOffQuery", payload.vectorJSON)
        case .callReducer(let payload): .variant("CallReducer", payload.vectorJSON)
        case .callProcedure(let payload): .variant("CallProcedure", payload.vectorJSON)
        }
    }
}

extension V2.ServerMessage: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .initialConnection(let payload): .variant("InitialConnection", payload.vectorJSON)
        case .subscribeApplied(let payload): .variant("SubscribeApplied", payload.vectorJSON)
        case .unsubscribeApplied(let payload): .variant("UnsubscribeApplied", payload.vectorJSON)
        case .subscriptionError(let payload): .variant("SubscriptionError", payload.vectorJSON)
        case .transactionUpdate(let payload): .variant("TransactionUpdate", payload.vectorJSON)
        case .oneOffQueryResult(let payload): .variant("OneOffQueryResult", payload.vectorJSON)
        case .reducerResult(let payload): .variant("ReducerResult", payload.vectorJSON)
        case .procedureResult(let payload): .variant("ProcedureResult", payload.vectorJSON)
        }
    }
}
