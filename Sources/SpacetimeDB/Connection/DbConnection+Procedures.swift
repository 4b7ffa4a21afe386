extension DbConnection {
    /// Calls procedure `name` with BSATN-encoded `args`; `completion` runs on the thread that drains
    /// the connection (frameTick/runThreaded), with the raw BSATN return value.
    ///
    /// The call takes the next request id from the counter reducer calls and subscriptions share,
    /// and goes out as `CallProcedure` with the `Default` flags (0), as the Rust SDK sends it. Made
    /// before the WebSocket opens, it goes out once it does. `completion` runs exactly once, like
    /// every other callback, never concurrently with another one:
    /// - with the result, when the server answers;
    /// - with ``ProcedureError/disconnected`` when the connection ends for good, or at once (on the
    ///   drain thread) if it had already ended;
    /// - with ``ProcedureError/disconnected`` when the connection drops and will reconnect, if the
    ///   call was already sent: the server may or may not have run it, and a procedure is not
    ///   transactional, so the SDK does not send it again. A call still waiting for the socket to
    ///   open is kept and goes out after the reconnect.
    public func callProcedure(
        _ name: String, args: [UInt8],
        completion: @escaping @Sendable (DbConnection, Result<[UInt8], ProcedureError>) -> Void
    ) {
        let accepted = state.withLock { state -> Bool in
            guard acceptsRequests(state) else { return false }
            let requestId = state.takeRequestId()
            state.procedureCalls.add(requestId: requestId, completion: completion)
            send(.callProcedure(name: name, args: args, requestId: requestId), state: &state)
            return true
        }
        if !accepted {
            logger.warning("procedure \(name) not called: the connection is closed")
            enqueue(.run { [self] in completion(self, .failure(.disconnected)) })
        }
    }

    /// Calls procedure `name` and decodes its return value as `Return`.
    ///
    /// Behaves as ``callProcedure(_:args:completion:)``; a return value that is not exactly one
    /// BSATN `Return` gives ``ProcedureError/undecodableReturn(_:)``.
    public func callProcedure<Return: BSATNDecodable & Sendable>(
        _ name: String, args: [UInt8], returning _: Return.Type,
        completion: @escaping @Sendable (DbConnection, Result<Return, ProcedureError>) -> Void
    ) {
        callProcedure(name, args: args) { connection, result in
            completion(connection, result.flatMap(Self.decodeReturn))
        }
    }

    /// Calls procedure `name` and returns its decoded return value; needs ``runThreaded()`` (or
    /// ``frameTick()`` calls) to complete.
    public func callProcedure<Return: BSATNDecodable & Sendable>(
        _ name: String, args: [UInt8], returning type: Return.Type
    ) async throws(ProcedureError) -> Return {
        let result = await withCheckedContinuation { continuation in
            callProcedure(name, args: args, returning: type) { _, result in continuation.resume(returning: result) }
        }
        return try result.get()
    }

    /// `bytes` as exactly one `Return`, or why not.
    static func decodeReturn<Return: BSATNDecodable>(_ bytes: [UInt8]) -> Result<Return, ProcedureError> {
        do {
            return .success(try Return(bsatnBytes: bytes))
        } catch {
            return .failure(.undecodableReturn(error.description))
        }
    }

    /// Runs the completion of call `requestId` with its result; a result nobody waits for is logged and dropped.
    func completeProcedureCall(requestId: UInt32, _ result: Result<[UInt8], ProcedureError>) {
        guard let call = state.withLock({ $0.procedureCalls.take(requestId: requestId) }) else {
            logger.warning("ignoring a procedure result for request \(requestId), which this client is not waiting on")
            return
        }
        call.completion(self, result)
    }

    /// Fails pending procedure calls with ``ProcedureError/disconnected``: those already sent when
    /// `inFlightOnly` (a drop before a reconnect), else all of them (the connection is over).
    func failProcedureCalls(inFlightOnly: Bool) {
        let calls = state.withLock { state in
            inFlightOnly ? state.procedureCalls.takeInFlight() : state.procedureCalls.takeAll()
        }
        for call in calls { call.completion(self, .failure(.disconnected)) }
    }
}
