import SpacetimeDB

extension ChatLog {
    /// The rows of `snapshot` (every `message` row of a subscription) that the log does not hold yet,
    /// in time order (rows of equal time in their order in `snapshot`).
    ///
    /// Rows have no key and equal rows are legal, so this is a multiset difference: a row the snapshot
    /// has twice and the log once is missing once. Both sides are walked in time order, one time at a
    /// time, comparing only rows of equal `sent`: O(n + m) for distinct times, with no index of the
    /// log's rows kept between calls.
    public func rowsMissing(from snapshot: [ChatMessage]) -> [ChatMessage] {
        let sorted = ChatLog.timeOrdered(snapshot)
        guard holdsMessageRows else { return sorted }
        var missing: [ChatMessage] = []
        var searchFrom = 0
        var start = 0
        while start < sorted.count {
            let time = sorted[start].sent
            var end = start + 1
            while end < sorted.count, sorted[end].sent == time { end += 1 }
            let held = indices(at: time, searchingFrom: searchFrom)
            searchFrom = held.upperBound
            appendUnmatched(sorted[start..<end], heldAt: held, to: &missing)
            start = end
        }
        return missing
    }

    /// Appends the rows of `group` (all of one time) that the entries in `held` do not account for.
    private func appendUnmatched(_ group: ArraySlice<ChatMessage>, heldAt held: Range<Int>, to missing: inout [ChatMessage]) {
        if held.isEmpty {
            missing.append(contentsOf: group)
            return
        }
        if group.count == 1, let only = group.first {
            // The usual case: one row at this time. Any equal row held accounts for it.
            let found = held.contains { index in
                if case .message(let row) = entries[index].content { return row == only }
                return false
            }
            if !found { missing.append(only) }
            return
        }
        var unmatched: [ChatMessage: Int] = [:]
        for index in held {
            if case .message(let row) = entries[index].content { unmatched[row, default: 0] += 1 }
        }
        for row in group {
            if let count = unmatched[row], count > 0 {
                unmatched[row] = count - 1
            } else {
                missing.append(row)
            }
        }
    }

    /// `messages` sorted by `sent`, rows of equal time in their given order. Already sorted input (the
    /// usual case: the host sends rows in commit order) comes back as is, without a copy.
    public static func timeOrdered(_ messages: [ChatMessage]) -> [ChatMessage] {
        var isSorted = true
        var index = 1
        while index < messages.count {
            if messages[index].sent < messages[index - 1].sent {
                isSorted = false
                break
            }
            index += 1
        }
        if isSorted { return messages }
        // Sort positions rather than rows: a quarter of the memory moved, and the position breaks ties.
        let order = messages.indices.sorted { lhs, rhs in
            let left = messages[lhs].sent
            let right = messages[rhs].sent
            return left != right ? left < right : lhs < rhs
        }
        return order.map { messages[$0] }
    }
}
