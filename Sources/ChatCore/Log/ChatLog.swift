import SpacetimeDB

/// The message log: entries sorted by time, ties in arrival order.
///
/// Appending in time order is O(1) amortised; an entry older than the last goes in by binary search
/// (one `memmove`). A batch of history merges in O(n + m log m).
///
/// The entries are the only copy of the rows the log holds (a row's text shares its storage with the
/// SDK's cached row). A `message` row always sits at its `sent` time, so the rows equal to a given
/// one are found by binary search on that time: a re-applied subscription after a reconnect adds only
/// rows the log has not seen (``rowsMissing(from:)``) without an index of every row beside it.
public struct ChatLog: Sendable {
    /// The entries, oldest first.
    public private(set) var entries: [LogEntry] = []
    /// How many entries are `message` rows.
    public private(set) var messageRowCount = 0
    private var nextID: UInt64 = 1

    /// An empty log.
    public init() {}

    /// The number of entries.
    public var count: Int { entries.count }

    /// Whether the log has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// The entry at `index`.
    public subscript(index: Int) -> LogEntry { entries[index] }

    /// The time of the newest entry, or nil when empty.
    public var lastTime: Timestamp? { entries.last?.time }

    /// Whether the log holds any `message` row.
    public var holdsMessageRows: Bool { messageRowCount > 0 }

    /// How many copies of `message` the log holds as rows (O(log n) plus the entries at its time).
    public func occurrences(of message: ChatMessage) -> Int {
        var count = 0
        for index in indices(at: message.sent) {
            if case .message(let held) = entries[index].content, held == message { count += 1 }
        }
        return count
    }

    /// The indices of the entries whose time is `time` (empty where there are none).
    public func indices(at time: Timestamp) -> Range<Int> {
        indices(at: time, searchingFrom: 0)
    }

    /// ``indices(at:)`` searching only from `start` on (every entry before it is known to be earlier).
    func indices(at time: Timestamp, searchingFrom start: Int) -> Range<Int> {
        var low = start
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].time < time { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < entries.count, entries[end].time == time { end += 1 }
        return low..<end
    }

    /// The index at which an entry with `time` goes: after every entry at or before that time.
    public func insertionIndex(for time: Timestamp) -> Int {
        if let last = entries.last, last.time <= time { return entries.count }
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the entry with `id`, found by binary search on its `time`.
    public func index(of id: EntryID, at time: Timestamp) -> Int? {
        indices(at: time).first { entries[$0].id == id }
    }

    /// Inserts a new entry in time order and returns its index.
    @discardableResult
    public mutating func insert(_ content: LogEntry.Content, at time: Timestamp) -> Int {
        let entry = LogEntry(id: makeID(), time: time, content: content)
        let index = insertionIndex(for: time)
        if index == entries.count {
            entries.append(entry)
        } else {
            entries.insert(entry, at: index)
        }
        countIn(entry)
        return index
    }

    /// Replaces the content of the entry at `index`, keeping its id and time. A `message` row put in
    /// must have been sent at that time (rows are found by their `sent`: see ``rowsMissing(from:)``).
    public mutating func replaceContent(at index: Int, with content: LogEntry.Content) {
        countOut(entries[index])
        entries[index].content = content
        countIn(entries[index])
    }

    /// Removes and returns the entry at `index`.
    @discardableResult
    public mutating func remove(at index: Int) -> LogEntry {
        let entry = entries.remove(at: index)
        countOut(entry)
        return entry
    }

    /// Removes the entries at `indices` (ascending, no duplicates) in one pass.
    public mutating func remove(atSortedIndices indices: [Int]) {
        guard !indices.isEmpty else { return }
        var kept: [LogEntry] = []
        kept.reserveCapacity(entries.count - indices.count)
        var next = 0
        for (index, entry) in entries.enumerated() {
            if next < indices.count, indices[next] == index {
                countOut(entry)
                next += 1
            } else {
                kept.append(entry)
            }
        }
        entries = kept
    }

    /// Merges entries given as (time, content) pairs sorted by time, each placed after existing
    /// entries of the same time. Returns the final indices of the new entries, ascending.
    public mutating func merge(sorted batch: [(time: Timestamp, content: LogEntry.Content)]) -> [Int] {
        merge(newEntries: batch.map { LogEntry(id: makeID(), time: $0.time, content: $0.content) })
    }

    /// Merges `message` rows, in any order, each at its `sent` time after existing entries of that
    /// time (rows of equal time keep their order in `messages`). Returns the final indices of the new
    /// entries, ascending. Builds the entries straight from the rows: no intermediate copy of them.
    public mutating func merge(messages: [ChatMessage]) -> [Int] {
        var newEntries: [LogEntry] = []
        newEntries.reserveCapacity(messages.count)
        for message in ChatLog.timeOrdered(messages) {
            newEntries.append(LogEntry(id: makeID(), time: message.sent, content: .message(message)))
        }
        return merge(newEntries: newEntries)
    }

    /// Merges new entries sorted by time (ids fresh and ascending) after existing entries of equal time.
    private mutating func merge(newEntries: [LogEntry]) -> [Int] {
        guard let first = newEntries.first else { return [] }
        for entry in newEntries { countIn(entry) }
        // Everything goes at the end: the common case (first history into an empty or newer-only log).
        if entries.last.map({ $0.time <= first.time }) ?? true {
            let start = entries.count
            if entries.isEmpty {
                entries = newEntries  // the batch's storage becomes the log's: no copy
            } else {
                entries.append(contentsOf: newEntries)
            }
            return Array(start..<entries.count)
        }
        var merged: [LogEntry] = []
        merged.reserveCapacity(entries.count + newEntries.count)
        var insertedAt: [Int] = []
        insertedAt.reserveCapacity(newEntries.count)
        var old = 0
        var new = 0
        while old < entries.count || new < newEntries.count {
            let takeOld = new == newEntries.count
                || (old < entries.count && entries[old].time <= newEntries[new].time)
            if takeOld {
                merged.append(entries[old])
                old += 1
            } else {
                insertedAt.append(merged.count)
                merged.append(newEntries[new])
                new += 1
            }
        }
        entries = merged
        return insertedAt
    }

    private mutating func makeID() -> EntryID {
        defer { nextID += 1 }
        return EntryID(nextID)
    }

    private mutating func countIn(_ entry: LogEntry) {
        if case .message = entry.content { messageRowCount += 1 }
    }

    private mutating func countOut(_ entry: LogEntry) {
        if case .message = entry.content { messageRowCount -= 1 }
    }
}
