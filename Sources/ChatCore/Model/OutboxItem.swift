import SpacetimeDB

/// One of our reducer calls between submission and settlement.
///
/// A sent message settles on two independent signals that can come in either order: its reducer
/// result and its `message` row. Both arrive in call order, so each is matched first-in-first-out
/// against the calls still waiting for it.
struct OutboxItem: Hashable, Sendable {
    /// What the call does.
    enum Call: Hashable, Sendable {
        /// `send_message(text)`, shown as the log entry `entryID` (found by its `time`).
        case sendMessage(text: String, entryID: EntryID, time: Timestamp)
        /// `set_name(name)`.
        case setName(name: String)
    }

    /// The model's id for the call.
    let localID: LocalCallID
    /// The call.
    var call: Call
    /// False while waiting for a live connection; true once handed to the glue.
    var isSent = false
    /// The connection (see `ChatModel.connectionGeneration`) the call went out on.
    var sentOnGeneration = 0
    /// The call failed because the connection dropped while it was in flight; it may still have
    /// landed, so a matching row settles it (the reconnecting SDK reports only what changed).
    var lostInFlight = false
    /// The reducer result arrived (committed; failures remove the item).
    var resultSeen = false
    /// The message row arrived (sendMessage only).
    var rowSeen = false

    /// Whether a `message` row from us with this text would settle this call. Calls lost in flight
    /// match only when `includingLost`, so a retry of a failed text is matched first.
    func awaitsRow(withText text: String, includingLost: Bool) -> Bool {
        guard messageText == text, !rowSeen else { return false }
        return lostInFlight ? includingLost : isSent
    }

    /// Whether a result without a local id for a call with this text would settle this call.
    func awaitsResult(messageText text: String) -> Bool {
        isSent && !resultSeen && !lostInFlight && messageText == text
    }

    /// The message text, for sendMessage calls.
    var messageText: String? {
        if case .sendMessage(let text, _, _) = call { return text }
        return nil
    }

    /// The requested name, for setName calls.
    var requestedName: String? {
        if case .setName(let name) = call { return name }
        return nil
    }

    /// The effect that performs the call.
    var effect: ChatEffect {
        switch call {
        case .sendMessage(let text, _, _): .sendMessage(localID: localID, text: text)
        case .setName(let name): .setName(localID: localID, name: name)
        }
    }
}
