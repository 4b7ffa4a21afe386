import SpacetimeDB

extension ChatModel {
    // MARK: Closed for good

    /// The connection ended for good: say why and what to do, and mark every message that never
    /// went out as not sent. Nothing is dropped: the entries stay in the log and their calls stay in
    /// the outbox, so `/reset-identity` can send them.
    mutating func endForGood(_ refusal: ConnectionRefusal, at now: Timestamp) {
        noteConnectionLost(reason: refusal.detail, at: now)
        connection = .disconnected(reason: refusal.statusText)
        closedForGood = refusal
        for line in refusal.explanation { appendNotice(.closedForGood(line), at: now) }
        for item in outbox where !item.isSent && item.messageText != nil { setDelivery(of: item, to: .notSent) }
        scroll.scrollToEnd()
    }

    /// `/reset-identity`: asks the glue to start over when the host refused our identity; otherwise
    /// says why nothing was done (a working identity is never thrown away).
    mutating func requestNewIdentity(at now: Timestamp) -> [ChatEffect] {
        scroll.scrollToEnd()
        guard let refusal = closedForGood else {
            appendNotice(.identityReset("/reset-identity is only for when the host refuses your identity; the connection is fine, so nothing changed."), at: now)
            return []
        }
        guard refusal.canStartOver else {
            appendNotice(.identityReset("/reset-identity would not help: \(refusal.statusText). Nothing changed."), at: now)
            return []
        }
        return [.startOverWithNewIdentity]
    }

    /// The glue moved the refused credentials aside (to `credentialsMovedTo`, when there was a file)
    /// and is connecting with no token, so the host will give us a new identity.
    ///
    /// Like a first connection, nothing is sent until the new host's history has arrived; then the
    /// name we had (if any) is asked for again, followed by the unsent messages in their order.
    /// Calls sent under the old identity that were never answered cannot be answered now: a message
    /// among them is marked failed.
    public mutating func startedOverWithNewIdentity(credentialsMovedTo movedPath: String?, at now: Timestamp) {
        let previousName = ownName
        closedForGood = nil
        ownIdentity = nil
        connectionID = nil
        connection = .connecting
        isLive = false
        hasInitialRows = false
        owesReconnectedNotice = false
        var kept: [OutboxItem] = []
        for item in outbox {
            if item.isSent {
                if item.messageText != nil, !item.rowSeen, !item.resultSeen, !item.lostInFlight {
                    setDelivery(of: item, to: .failed("no answer before the host refused this identity"))
                }
                continue
            }
            if item.messageText != nil { setDelivery(of: item, to: .queued) }
            kept.append(item)
        }
        if let previousName, !kept.contains(where: { $0.requestedName != nil }) {
            kept.insert(OutboxItem(localID: makeLocalID(), call: .setName(name: previousName)), at: 0)
        }
        outbox = kept
        let keptAt = movedPath.map { "; the old credentials are kept at \($0)" } ?? ""
        appendNotice(.identityReset("Starting over with a new identity\(keptAt)."), at: now)
        let queued = kept.count { $0.messageText != nil }
        if queued > 0 || previousName != nil {
            let name = previousName.map { "your name \(RustDebugQuote.quote($0))" }
            let messages = queued > 0 ? "\(queued) unsent message\(queued == 1 ? "" : "s")" : nil
            let what = [name, messages].compactMap { $0 }.joined(separator: " and ")
            appendNotice(.identityReset("Once connected, \(what) will be sent."), at: now)
        }
        scroll.scrollToEnd()
    }

    /// Starting over failed before connecting (the credentials file could not be moved): say so;
    /// the refusal stands, so the command can be tried again.
    public mutating func couldNotStartOver(reason: String, at now: Timestamp) {
        appendNotice(.closedForGood("Could not start over: \(reason)"), at: now)
        scroll.scrollToEnd()
    }
}
