/// One reducer call made with ``DbConnection/callReducer(_:args:then:)`` (or a generated method such
/// as `conn.reducers.sendMessage(text:)`): await its ``outcome``.
///
/// ```swift
/// let status = await conn.reducers.sendMessage(text: "Hello").outcome
/// if let error = status.errorMessage { print("not sent: \(error)") }
/// ```
public final class ReducerCall: Sendable {
    /// The reducer's name on the server, e.g. `send_message`.
    public let reducerName: String
    let result = AsyncOutcome<ReducerStatus>()

    init(reducerName: String) {
        self.reducerName = reducerName
    }

    /// How the call ended: ``ReducerStatus/committed``, the reducer's error, or
    /// ``ReducerStatus/internalError(_:)`` when the connection dropped before the server answered.
    ///
    /// Always arrives, once the connection is drained. Not cancellable: the call is already on its
    /// way and the server may have run it; cancelling the waiting task does not stop the wait.
    public var outcome: ReducerStatus {
        get async { await result.value() }
    }

    /// The outcome if it has arrived, else nil.
    public var currentOutcome: ReducerStatus? { result.current }
}
