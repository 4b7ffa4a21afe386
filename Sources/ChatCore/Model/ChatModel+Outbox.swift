import SpacetimeDB

extension ChatModel {
    // MARK: Input

    /// Handles one typed line (see `ChatCommand` for the rules); returns the effects to perform.
    ///
    /// A message appears at once as an outgoing entry (sending, or queued while not live) and the
    /// view jumps to the end, as it does for every line that adds to the log.
    public mutating func submit(_ line: String, at now: Timestamp) -> [ChatEffect] {
        switch ChatCommand(parsing: line) {
        case .empty:
            return []
        case .message(let text):
            let localID = makeLocalID()
            let time = localTime(now)
            // After the connection ended for good it will not go out by itself: say so at once.
            let waiting: OutgoingMessage.Delivery = closedForGood == nil ? .queued : .notSent
            let outgoing = OutgoingMessage(localID: localID, text: text, delivery: isLive ? .sending : waiting)
            let index = log.insert(.outgoing(outgoing), at: time)
            var item = OutboxItem(localID: localID, call: .sendMessage(text: text, entryID: log[index].id, time: time))
            item.isSent = isLive
            item.sentOnGeneration = connectionGeneration
            outbox.append(item)
            scroll.scrollToEnd()
            return isLive ? [item.effect] : []
        case .setName(let name):
            var item = OutboxItem(localID: makeLocalID(), call: .setName(name: name))
            item.isSent = isLive
            item.sentOnGeneration = connectionGeneration
            outbox.append(item)
            return isLive ? [item.effect] : []
        case .help:
            for line in ChatNotice.helpLines { appendNotice(.help(line), at: now) }
            scroll.scrollToEnd()
            return []
        case .quit:
            return [.quit]
        case .toggleUsers:
            sidebarVisible.toggle()
            return []
        case .resetIdentity:
            return requestNewIdentity(at: now)
        case .search(let query):
            startSearch(query)
            return []
        case .bell(let enabled):
            if let enabled { setBell(enabled) }
            let state = attention.bellEnabled ? "on" : "off"
            appendNotice(.setting("Bell on mentions: \(state). /bell on or /bell off changes it."), at: now)
            scroll.scrollToEnd()
            return []
        case .jumpToUnread:
            return [.jumpToUnread]
        case .unknown(let word):
            appendNotice(.unknownCommand(word), at: now)
            scroll.scrollToEnd()
            return []
        }
    }

    /// The name we asked for and the server has not yet confirmed or refused, if any (newest).
    public var pendingName: String? {
        outbox.last { $0.requestedName != nil && !$0.resultSeen }?.requestedName
    }

    /// How many of our calls wait for a live connection.
    public var queuedCallCount: Int { outbox.count { !$0.isSent } }

    mutating func makeLocalID() -> LocalCallID {
        defer { nextLocalID += 1 }
        return LocalCallID(nextLocalID)
    }

    // MARK: Results

    /// Settles a `send_message` result: by id, else the oldest sent message with that text still
    /// waiting for its result.
    mutating func settleSendMessage(localID: LocalCallID?, text: String, outcome: ReducerOutcome, at now: Timestamp) {
        let position = localID.flatMap { id in outbox.firstIndex { $0.localID == id && $0.messageText != nil } }
            ?? outbox.firstIndex { $0.awaitsResult(messageText: text) }
        switch outcome {
        case .committed:
            guard let position else { return }
            outbox[position].resultSeen = true
            if outbox[position].rowSeen {
                outbox.remove(at: position)
            } else {
                setDelivery(of: outbox[position], to: .committed)
            }
        case .failed(let reason):
            if let position {
                if !outbox[position].rowSeen { setDelivery(of: outbox[position], to: .failed(reason)) }
                if !isLive && outbox[position].isSent && !outbox[position].rowSeen {
                    // Reported as failed because the connection dropped: it may still have landed.
                    outbox[position].lostInFlight = true
                } else {
                    outbox.remove(at: position)
                }
            }
            appendNotice(.sendMessageFailed(text: text, error: reason), at: now)
        }
    }

    /// Settles a `set_name` result: by id, else the oldest sent name change with that name.
    mutating func settleSetName(localID: LocalCallID?, name: String, outcome: ReducerOutcome, at now: Timestamp) {
        let position = localID.flatMap { id in outbox.firstIndex { $0.localID == id && $0.requestedName != nil } }
            ?? outbox.firstIndex { $0.isSent && !$0.resultSeen && !$0.lostInFlight && $0.requestedName == name }
        if let position { outbox.remove(at: position) }
        if case .failed(let reason) = outcome {
            appendNotice(.setNameFailed(name: name, error: reason), at: now)
        }
    }

    /// Updates the look of the outgoing entry behind `item`.
    mutating func setDelivery(of item: OutboxItem, to delivery: OutgoingMessage.Delivery) {
        guard case .sendMessage(let text, let entryID, let time) = item.call,
              let index = log.index(of: entryID, at: time) else { return }
        log.replaceContent(at: index, with: .outgoing(OutgoingMessage(localID: item.localID, text: text, delivery: delivery)))
    }

    // MARK: Subscription applied

    /// Applies a full snapshot: replaces the users, adds the messages the log does not have yet
    /// (confirming our outgoing ones among them), then goes live and releases the queue.
    mutating func applySnapshot(users snapshotUsers: [ChatUser], messages: [ChatMessage], at now: Timestamp) -> [ChatEffect] {
        users = Dictionary(snapshotUsers.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })

        // Rows the log does not hold yet, counting equal rows as a multiset, in time order. On the
        // first subscription the log holds no rows and every row is new.
        let fresh = log.rowsMissing(from: messages)

        // Our sent messages whose rows are among them are confirmed: their outgoing entries go.
        var confirmedEntries: [Int] = []
        var confirmedCalls: Set<LocalCallID> = []
        if let own = ownIdentity {
            for message in fresh where message.sender == own {
                guard let position = outboxPositionAwaitingRow(withText: message.text, excluding: confirmedCalls)
                else { continue }
                let item = outbox[position]
                confirmedCalls.insert(item.localID)
                if case .sendMessage(_, let entryID, let time) = item.call, let index = log.index(of: entryID, at: time) {
                    confirmedEntries.append(index)
                }
            }
        }
        confirmedEntries.sort()
        log.remove(atSortedIndices: confirmedEntries)
        scroll.noteRemoved(atSortedIndices: confirmedEntries, remaining: log.count)

        let resubscribed = log.holdsMessageRows
        let inserted = log.merge(messages: fresh)
        scroll.noteInserted(atSortedIndices: inserted, isMessage: { _ in true })
        // After a reconnect, rows the log lacked were sent while we were away: they reach the reader
        // like live ones. The first snapshot is history.
        if resubscribed { noteArrivals(at: inserted) }

        settleCallsOfLostConnection(confirmed: confirmedCalls)

        hasInitialRows = true
        return goLive(at: now)
    }

    /// Settles the calls sent on a connection that is gone, once the new subscription shows what
    /// happened. The server runs one connection's calls in order, so every call sent before the last
    /// one known to have taken effect was processed: those are done (a message among them with no
    /// row failed without telling us). Calls after it never ran and are queued again.
    mutating func settleCallsOfLostConnection(confirmed: Set<LocalCallID>) {
        let ownName = ownIdentity.flatMap { users[$0]?.name }
        let generation = connectionGeneration
        func isStale(_ item: OutboxItem) -> Bool { item.isSent && item.sentOnGeneration < generation }
        let cutoff = outbox.lastIndex { item in
            isStale(item) && (confirmed.contains(item.localID) || item.resultSeen || item.rowSeen
                || (item.requestedName != nil && item.requestedName == ownName))
        }
        var kept: [OutboxItem] = []
        for (position, item) in outbox.enumerated() {
            // The snapshot is complete: a lost call whose row is not in it did not land.
            if item.lostInFlight || confirmed.contains(item.localID) { continue }
            guard isStale(item) else {
                kept.append(item)
                continue
            }
            if let cutoff, position <= cutoff {
                let unanswered = !item.resultSeen && !item.rowSeen
                if unanswered, item.messageText != nil {
                    setDelivery(of: item, to: .failed("no answer before the connection dropped"))
                }
            } else {
                var requeued = item
                requeued.isSent = false
                kept.append(requeued)
            }
        }
        outbox = kept
    }

    /// Hands every queued call to the glue, in submission order.
    mutating func releaseQueue() -> [ChatEffect] {
        var effects: [ChatEffect] = []
        for position in outbox.indices where !outbox[position].isSent {
            outbox[position].isSent = true
            outbox[position].sentOnGeneration = connectionGeneration
            if outbox[position].messageText != nil { setDelivery(of: outbox[position], to: .sending) }
            effects.append(outbox[position].effect)
        }
        return effects
    }
}
