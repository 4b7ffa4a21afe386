import SpacetimeDB

/// The module's reducers: calls with per-call results, and reducer-event callbacks (`conn.reducers`).
public struct RemoteReducers: Sendable {
    let connection: DbConnection

    /// Calls `set_name(name)`; `then` receives this call's outcome.
    public func setName(name: String, then: (@Sendable (EventContext, ReducerStatus) -> Void)? = nil) {
        connection.callReducer("set_name", args: SetNameArgs(name: name), then: then)
    }

    /// Calls `send_message(text)`; `then` receives this call's outcome.
    public func sendMessage(text: String, then: (@Sendable (EventContext, ReducerStatus) -> Void)? = nil) {
        connection.callReducer("send_message", args: SendMessageArgs(text: text), then: then)
    }

    /// Runs for every `set_name` event: own calls (committed or not), and other clients' on v1.
    @discardableResult
    public func onSetName(_ callback: @escaping @Sendable (EventContext, String) -> Void) -> CallbackId {
        connection.onReducer("set_name") { context, event in
            guard let args = try? SetNameArgs(bsatnBytes: event.args) else { return }
            callback(context, args.name)
        }
    }

    /// Runs for every `send_message` event: own calls (committed or not), and other clients' on v1.
    @discardableResult
    public func onSendMessage(_ callback: @escaping @Sendable (EventContext, String) -> Void) -> CallbackId {
        connection.onReducer("send_message") { context, event in
            guard let args = try? SendMessageArgs(bsatnBytes: event.args) else { return }
            callback(context, args.text)
        }
    }

    /// Removes a reducer callback.
    public func removeCallback(_ id: CallbackId) { connection.removeOnReducer(id) }
}

extension DbContext {
    /// The module's reducers.
    public var reducers: RemoteReducers { RemoteReducers(connection: connection) }
}
