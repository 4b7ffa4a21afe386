/// Something the client asks of the server, before it is encoded for the selected protocol.
///
/// Requests made before the WebSocket is open wait in this form, because the protocol version is
/// only known once the server has selected it.
enum ClientRequest: Sendable {
    case callReducer(name: String, args: [UInt8], requestId: UInt32)
    case subscribe(querySetId: UInt32, queries: [String], requestId: UInt32)
    /// v1: legacy `Subscribe` to `SELECT * FROM *`; v2: `Subscribe` to every known table.
    case subscribeToAllTables(querySetId: UInt32, requestId: UInt32)
    case unsubscribe(querySetId: UInt32, requestId: UInt32)
    case oneOffQuery(query: String, requestId: UInt32)
    /// Flags are `Default` (0) on both protocols, as the Rust SDK sends them.
    case callProcedure(name: String, args: [UInt8], requestId: UInt32)

    /// The binary message for `version`.
    func encoded(for version: ProtocolVersion, allTablesQueries: [String]) -> [UInt8] {
        switch version {
        case .v1: return v1Message().bsatnBytes()
        case .v2: return v2Message(allTablesQueries: allTablesQueries).bsatnBytes()
        case .v3: return V3.encodeClientFrame([v2Message(allTablesQueries: allTablesQueries)])
        }
    }

    func v1Message() -> V1.ClientMessage {
        switch self {
        case .callReducer(let name, let args, let requestId):
            return .callReducer(V1.CallReducer(reducer: name, args: args, requestId: requestId, flags: .fullUpdate))
        case .subscribe(let querySetId, let queries, let requestId):
            return .subscribeMulti(V1.SubscribeMulti(queryStrings: queries, requestId: requestId, queryId: QueryId(querySetId)))
        case .subscribeToAllTables(_, let requestId):
            return .subscribe(V1.Subscribe(queryStrings: ["SELECT * FROM *"], requestId: requestId))
        case .unsubscribe(let querySetId, let requestId):
            return .unsubscribeMulti(V1.UnsubscribeMulti(requestId: requestId, queryId: QueryId(querySetId)))
        case .oneOffQuery(let query, let requestId):
            return .oneOffQuery(V1.OneOffQuery(messageId: requestId.bsatnBytes(), queryString: query))
        case .callProcedure(let name, let args, let requestId):
            return .callProcedure(V1.CallProcedure(procedure: name, args: args, requestId: requestId, flags: .default))
        }
    }

    func v2Message(allTablesQueries: [String]) -> V2.ClientMessage {
        switch self {
        case .callReducer(let name, let args, let requestId):
            return .callReducer(V2.CallReducer(requestId: requestId, flags: 0, reducer: name, args: args))
        case .subscribe(let querySetId, let queries, let requestId):
            return .subscribe(V2.Subscribe(requestId: requestId, querySetId: QuerySetId(querySetId), queryStrings: queries))
        case .subscribeToAllTables(let querySetId, let requestId):
            return .subscribe(V2.Subscribe(requestId: requestId, querySetId: QuerySetId(querySetId), queryStrings: allTablesQueries))
        case .unsubscribe(let querySetId, let requestId):
            return .unsubscribe(V2.Unsubscribe(requestId: requestId, querySetId: QuerySetId(querySetId), flags: .sendDroppedRows))
        case .oneOffQuery(let query, let requestId):
            return .oneOffQuery(V2.OneOffQuery(requestId: requestId, queryString: query))
        case .callProcedure(let name, let args, let requestId):
            return .callProcedure(V2.CallProcedure(requestId: requestId, flags: 0, procedure: name, args: args))
        }
    }
}
