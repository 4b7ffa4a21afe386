/// Where the reader is in the log, and how many messages arrived below them.
///
/// The view is bottom-anchored. While following (the default) the last line of the log sits on the
/// bottom row and new entries scroll in. Scrolled up, the view keeps its bottom line on the same
/// entry line however many entries are inserted above or below, and messages inserted below count
/// as unread. Reaching the end again resumes following and clears the counter.
///
/// Line counts depend on the width, which only the painter knows, so moves take a `lineCount`
/// function (entry index → wrapped lines, at least 1) and the view height in rows. While scrolled
/// up, the bottom row of the view is the "new messages below" bar, so the log's lines get one row
/// fewer (``visibleRows(viewHeight:)``); every move counts with that.
public struct ScrollState: Hashable, Sendable {
    /// The bottom line of the view, or nil while following the end.
    public private(set) var anchor: LogAnchor?
    /// Messages inserted below the view since the reader scrolled up.
    public private(set) var unreadCount = 0
    /// How many of ``unreadCount`` mention the reader.
    public private(set) var unreadMentionCount = 0

    /// A state that follows the end.
    public init() {}

    /// Whether the view follows the end of the log.
    public var isFollowing: Bool { anchor == nil }

    /// The rows the log's lines get in a view of `viewHeight` rows: all of them while following,
    /// one fewer while scrolled up (the bottom row is the "more below" bar).
    public func visibleRows(viewHeight: Int) -> Int {
        isFollowing ? viewHeight : max(1, viewHeight - 1)
    }

    /// The line to draw on the bottom row: the anchor, or the last line of the log while following;
    /// nil for an empty log.
    public func bottomLine(entryCount: Int, lineCount: (Int) -> Int) -> LogAnchor? {
        guard entryCount > 0 else { return nil }
        if let anchor {
            let entry = min(max(anchor.entryIndex, 0), entryCount - 1)
            let lines = Self.lines(entry, lineCount)
            return LogAnchor(entryIndex: entry, lineOffset: min(max(anchor.lineOffset, 0), lines - 1))
        }
        let last = entryCount - 1
        return LogAnchor(entryIndex: last, lineOffset: Self.lines(last, lineCount) - 1)
    }

    // MARK: Reader moves

    /// Scrolls by `delta` lines: negative towards older entries, positive towards the end.
    public mutating func scroll(byLines delta: Int, entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        guard delta != 0, let start = bottomLine(entryCount: entryCount, lineCount: lineCount) else { return }
        var target: LogAnchor
        if delta < 0 {
            target = Self.moveUp(start, by: delta == .min ? .max : -delta, lineCount: lineCount).line
        } else {
            target = Self.moveDown(start, by: delta, entryCount: entryCount, lineCount: lineCount).line
        }
        target = Self.respectingTop(target, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
        settle(at: target, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// Scrolls up by a page, keeping one line of the previous page in view.
    public mutating func pageUp(pageSize: Int, entryCount: Int, lineCount: (Int) -> Int) {
        let step = max(1, visibleRows(viewHeight: pageSize) - 1)
        scroll(byLines: -step, entryCount: entryCount, viewHeight: pageSize, lineCount: lineCount)
    }

    /// Scrolls down by a page, keeping one line of the previous page in view; when the end is that
    /// close (in a full view, the bar gone), follows it.
    public mutating func pageDown(pageSize: Int, entryCount: Int, lineCount: (Int) -> Int) {
        guard let start = anchor, entryCount > 0 else { return }
        let last = entryCount - 1
        let reach = Self.moveDown(start, by: max(1, pageSize - 1), entryCount: entryCount, lineCount: lineCount).line
        if reach.entryIndex == last, reach.lineOffset >= Self.lines(last, lineCount) - 1 {
            scrollToEnd()
            return
        }
        let step = max(1, visibleRows(viewHeight: pageSize) - 1)
        scroll(byLines: step, entryCount: entryCount, viewHeight: pageSize, lineCount: lineCount)
    }

    /// Puts the last line of entry `index` on the bottom row (a search result), scrolled up.
    public mutating func show(entryIndex index: Int) {
        // `bottomLine` clamps the offset to the entry's last line, whatever its width.
        anchor = LogAnchor(entryIndex: index, lineOffset: .max)
    }

    /// Restores a position saved earlier (cancelling a search).
    public mutating func restore(_ saved: ScrollState) {
        anchor = saved.anchor
        unreadCount = max(unreadCount, saved.unreadCount)
        unreadMentionCount = max(unreadMentionCount, saved.unreadMentionCount)
        if anchor == nil {
            unreadCount = 0
            unreadMentionCount = 0
        }
    }

    /// Jumps to the end and follows new entries again.
    public mutating func scrollToEnd() {
        anchor = nil
        unreadCount = 0
        unreadMentionCount = 0
    }

    /// Jumps to the top: the first line of the log on the top row.
    public mutating func scrollToTop(entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        guard entryCount > 0 else { return }
        showAtTop(entryIndex: 0, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// Puts the first line of entry `index` on the top row (the unread marker), or follows the end
    /// when the rest of the log fits below it.
    public mutating func showAtTop(entryIndex index: Int, entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        guard entryCount > 0 else { return }
        let top = LogAnchor(entryIndex: min(max(index, 0), entryCount - 1), lineOffset: 0)
        // Scrolled up, the bar takes the bottom row: the top line sits `rows - 1` lines above the anchor.
        let rows = max(1, viewHeight - 1)
        let target = Self.moveDown(top, by: rows - 1, entryCount: entryCount, lineCount: lineCount).line
        settle(at: target, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
    }

    /// Re-checks the anchor after a resize or reflow: clamps its line, keeps the top of the log from
    /// scrolling below the top row, and resumes following if the anchor is now the end.
    public mutating func clamp(entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        guard anchor != nil else { return }
        guard let line = bottomLine(entryCount: entryCount, lineCount: lineCount) else {
            scrollToEnd()
            return
        }
        let target = Self.respectingTop(line, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
        settle(at: target, entryCount: entryCount, viewHeight: viewHeight, lineCount: lineCount)
    }

    // MARK: Log changes

    /// Records that an entry was inserted at `index`.
    mutating func noteInserted(at index: Int, isMessage: Bool) {
        guard var anchor else { return }
        if index <= anchor.entryIndex {
            anchor.entryIndex += 1
            self.anchor = anchor
        } else if isMessage {
            unreadCount += 1
        }
    }

    /// Records that the message just inserted at `index` (after ``noteInserted(at:isMessage:)``)
    /// mentions the reader: counted when it landed below the view.
    mutating func noteMentionInserted(at index: Int) {
        guard let anchor, index > anchor.entryIndex else { return }
        unreadMentionCount += 1
    }

    /// Records a batch inserted at the given final indices (ascending).
    mutating func noteInserted(atSortedIndices indices: [Int], isMessage: (Int) -> Bool) {
        guard var anchor else { return }
        var position = 0
        while position < indices.count, indices[position] <= anchor.entryIndex {
            anchor.entryIndex += 1
            position += 1
        }
        self.anchor = anchor
        unreadCount += indices[position...].reduce(0) { $0 + (isMessage($1) ? 1 : 0) }
    }

    /// Records that the entry at `index` was removed; `remaining` is the entry count afterwards.
    mutating func noteRemoved(at index: Int, remaining: Int) {
        guard var anchor else { return }
        if remaining == 0 {
            scrollToEnd()
            return
        }
        if index < anchor.entryIndex {
            anchor.entryIndex -= 1
        } else if index == anchor.entryIndex {
            // The anchored entry itself went: hold the view on the entry that took its place.
            anchor.entryIndex = min(index, remaining - 1)
            anchor.lineOffset = 0
        }
        self.anchor = anchor
    }

    /// Records removals at the given indices (ascending, as they were before removal).
    mutating func noteRemoved(atSortedIndices indices: [Int], remaining: Int) {
        for index in indices.reversed() { noteRemoved(at: index, remaining: remaining) }
    }

    /// Records that the entry at `from` was taken out and put back at `to` (its index afterwards),
    /// e.g. an outgoing message replaced by its row with the server's time. Not a new message.
    mutating func noteMoved(from: Int, to: Int) {
        guard var anchor, from != to else { return }
        if anchor.entryIndex == from {
            anchor.entryIndex = to
        } else {
            if from < anchor.entryIndex { anchor.entryIndex -= 1 }
            if to <= anchor.entryIndex { anchor.entryIndex += 1 }
        }
        self.anchor = anchor
    }

    // MARK: Line walking

    /// Anchors at `target`, or follows when it is the end or the whole log fits the full view
    /// (scrolling up a log that is all on screen would only hide its last line behind the bar).
    private mutating func settle(at target: LogAnchor, entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int) {
        let last = entryCount - 1
        let end = LogAnchor(entryIndex: last, lineOffset: Self.lines(last, lineCount) - 1)
        let allFit = Self.moveUp(end, by: max(viewHeight - 1, 0), lineCount: lineCount).line == LogAnchor(entryIndex: 0, lineOffset: 0)
        if (target.entryIndex >= last && target.lineOffset >= end.lineOffset) || allFit {
            scrollToEnd()
        } else {
            anchor = target
        }
    }

    /// Moves `line` down so that the view above it is full when the log allows: scrolled up, the
    /// log has `viewHeight - 1` rows (the bar takes one), so `viewHeight - 2` lines lie above it.
    private static func respectingTop(
        _ line: LogAnchor, entryCount: Int, viewHeight: Int, lineCount: (Int) -> Int
    ) -> LogAnchor {
        let rows = max(1, viewHeight - 1)
        let shortfall = moveUp(line, by: rows - 1, lineCount: lineCount).remaining
        guard shortfall > 0 else { return line }
        return moveDown(line, by: shortfall, entryCount: entryCount, lineCount: lineCount).line
    }

    static func lines(_ entry: Int, _ lineCount: (Int) -> Int) -> Int { max(lineCount(entry), 1) }

    /// Walks `count` lines towards the top; `remaining` is how many could not be walked.
    static func moveUp(_ line: LogAnchor, by count: Int, lineCount: (Int) -> Int) -> (line: LogAnchor, remaining: Int) {
        var entry = line.entryIndex
        var offset = line.lineOffset
        var remaining = count
        while remaining > 0 {
            if offset > 0 {
                let step = min(offset, remaining)
                offset -= step
                remaining -= step
            } else if entry > 0 {
                entry -= 1
                offset = lines(entry, lineCount) - 1
                remaining -= 1
            } else {
                break
            }
        }
        return (LogAnchor(entryIndex: entry, lineOffset: offset), remaining)
    }

    /// Walks `count` lines towards the end; `remaining` is how many could not be walked.
    static func moveDown(
        _ line: LogAnchor, by count: Int, entryCount: Int, lineCount: (Int) -> Int
    ) -> (line: LogAnchor, remaining: Int) {
        var entry = line.entryIndex
        var offset = line.lineOffset
        var remaining = count
        while remaining > 0 {
            let last = lines(entry, lineCount) - 1
            if offset < last {
                let step = min(last - offset, remaining)
                offset += step
                remaining -= step
            } else if entry < entryCount - 1 {
                entry += 1
                offset = 0
                remaining -= 1
            } else {
                break
            }
        }
        return (LogAnchor(entryIndex: entry, lineOffset: offset), remaining)
    }
}
