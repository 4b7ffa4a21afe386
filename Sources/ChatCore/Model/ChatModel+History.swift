import SpacetimeDB

/// The history window: the model asks ``HistoryPager`` what to fetch or drop, and keeps the log and
/// the reader's position in step with its answers. "loading older messages…" and "beginning of
/// history" are notices kept at the very top of the log.
extension ChatModel {
    /// Pages history with a live window starting at `windowStart` (nil: the full subscription, no
    /// paging); `pageSize` rows per page and as context at start. Call before the first event.
    public mutating func useHistoryWindow(start windowStart: Timestamp?, pageSize: Int = 100) {
        history = HistoryPager(windowStart: windowStart, pageSize: pageSize)
    }

    /// Handles the history events (page answers and failures, a refused window).
    mutating func applyHistory(_ event: ChatEvent, at now: Timestamp) -> [ChatEffect] {
        switch event {
        case .historyPageLoaded(let requestID, let messages):
            guard let receipt = history.received(requestID: requestID, rows: messages) else { return [] }
            removeTopNotices()
            mergeOlder(receipt.rows)
            return afterPageStep(next: receipt.next)
        case .historyPageFailed(let requestID, let reason, let connectionLost):
            guard history.failed(requestID: requestID, connectionLost: connectionLost) else { return [] }
            if connectionLost { return isLive ? resumeHistory() : [] }
            removeTopNotices()
            appendNotice(.historyProblem("Could not load older messages: \(reason)"), at: now)
        case .historyWindowRefused(let reason):
            history.fallBackToFullSubscription()
            removeTopNotices()
            appendNotice(
                .historyProblem("The server refused the history window (\(reason)); loading every message instead."),
                at: now)
        default:
            break
        }
        return []
    }

    /// The window's rows were applied: fetch older context when they are fewer than a page.
    mutating func historyAfterSnapshot(rowCount: Int) -> [ChatEffect] {
        afterPageStep(next: history.windowApplied(rowCount: rowCount))
    }

    /// Live again after a drop: the page request lost with the connection goes out again.
    mutating func resumeHistory() -> [ChatEffect] {
        guard let retry = history.resumed() else { return [] }
        return [.loadHistory(retry)]
    }

    /// Call after the reader moved or the log changed: at the top of what is loaded, fetches the next
    /// older page; back at the bottom, drops pages far above (they can be fetched again).
    public mutating func maintainHistory(viewHeight: Int, lineCount: (Int) -> Int) -> [ChatEffect] {
        guard history.isWindowed, hasInitialRows else { return [] }
        if isShowingTop(viewHeight: viewHeight, lineCount: lineCount), let request = history.reachedTop() {
            return afterPageStep(next: request)
        }
        if scroll.isFollowing { dropPagesFarAbove() }
        return []
    }

    /// Whether the first line of the log is in view.
    public func isShowingTop(viewHeight: Int, lineCount: (Int) -> Int) -> Bool {
        guard let bottom = scroll.bottomLine(entryCount: log.count, lineCount: lineCount) else { return true }
        // Scrolled up, the bar takes a row: the top line is that much closer to the anchor.
        let walk = ScrollState.moveUp(bottom, by: max(scroll.visibleRows(viewHeight: viewHeight) - 1, 0), lineCount: lineCount)
        return walk.remaining > 0 || (walk.line.entryIndex == 0 && walk.line.lineOffset == 0)
    }

    private mutating func afterPageStep(next: HistoryPageRequest?) -> [ChatEffect] {
        if let next {
            placeTopNotice(.loadingOlderMessages)
            return [.loadHistory(next)]
        }
        if history.reachedBeginning && history.isWindowed { placeTopNotice(.beginningOfHistory) }
        return []
    }

    /// Merges older rows (oldest first) above what is loaded; the reader's line stays where it was.
    private mutating func mergeOlder(_ rows: [ChatMessage]) {
        guard !rows.isEmpty else { return }
        let indices = log.merge(messages: rows)
        scroll.noteInserted(atSortedIndices: indices) { _ in true }
    }

    /// Drops entries older than the pager's cut, keeping the newest page of older messages.
    private mutating func dropPagesFarAbove() {
        guard let windowStart = history.windowStart else { return }
        var olderTimes: [Timestamp] = []
        for entry in log.entries {
            guard entry.time < windowStart else { break }
            if case .message = entry.content { olderTimes.append(entry.time) }
        }
        guard let cut = history.trim(olderMessageTimes: olderTimes) else { return }
        let doomed = Array(log.entries.prefix { $0.time < cut }.indices)
        log.remove(atSortedIndices: doomed)
        scroll.noteRemoved(atSortedIndices: doomed, remaining: log.count)
        removeTopNotices()
    }

    private static func isTopNotice(_ entry: LogEntry) -> Bool {
        entry.content == .notice(.loadingOlderMessages) || entry.content == .notice(.beginningOfHistory)
    }

    /// Puts a notice above every entry (replacing the one there): just before the oldest entry's time.
    private mutating func placeTopNotice(_ notice: ChatNotice) {
        removeTopNotices()
        // With nothing loaded, either notice takes the window's start, not the oldest time paged back to:
        // after a few empty pages that is decades back, and the notice would sit under a rule for that
        // date. (A page's rows never meet "loading older messages…": it goes before they are merged.)
        let empty = history.windowStart ?? history.loadedFrom
        let oldest = log.entries.first?.time ?? empty ?? Timestamp.now()
        let time = Timestamp(microsecondsSinceUnixEpoch: oldest.microsecondsSinceUnixEpoch &- 1)
        let index = log.insert(.notice(notice), at: time)
        scroll.noteInserted(at: index, isMessage: false)
    }

    private mutating func removeTopNotices() {
        let indices = Array(log.entries.prefix(2).indices.filter { ChatModel.isTopNotice(log.entries[$0]) })
        guard !indices.isEmpty else { return }
        log.remove(atSortedIndices: indices)
        scroll.noteRemoved(atSortedIndices: indices, remaining: log.count)
    }
}
