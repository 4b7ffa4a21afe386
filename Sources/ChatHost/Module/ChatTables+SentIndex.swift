import QuickstartChat

extension ChatTables {
    /// The messages whose `sent` lies in `range` (microseconds, inclusive), in `sent` order: two binary
    /// searches and a slice, O(log n) plus the rows returned.
    func messages(sentIn range: ClosedRange<Int64>) -> ArraySlice<Message> {
        messages[messageIndices(sentIn: range)]
    }

    /// The positions in `messages` of those sent within `range` (microseconds, inclusive).
    func messageIndices(sentIn range: ClosedRange<Int64>) -> Range<Int> {
        let start = firstMessageIndex(sentAtOrAfter: range.lowerBound)
        let end = range.upperBound == .max ? messages.count : firstMessageIndex(sentAtOrAfter: range.upperBound + 1)
        return start..<max(start, end)
    }

    /// The index of the first message sent at or after `micros` (the count when there is none).
    func firstMessageIndex(sentAtOrAfter micros: Int64) -> Int {
        var low = 0
        var high = messages.count
        while low < high {
            let middle = (low + high) / 2
            if messages[middle].sent.microsecondsSinceUnixEpoch < micros { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first message sent after `micros` (the count when there is none).
    func firstMessageIndex(sentAfter micros: Int64) -> Int {
        micros == .max ? messages.count : firstMessageIndex(sentAtOrAfter: micros + 1)
    }
}
