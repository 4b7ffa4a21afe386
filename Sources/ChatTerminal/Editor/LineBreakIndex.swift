/// Where the line breaks (`\n` clusters) of the input are, kept in step with the editor's clusters,
/// so that finding the draft's lines costs a binary search instead of a scan of a 1 MB paste.
///
/// A `\n` is always a cluster of its own (grapheme rules break on both sides of LF), so an edit can
/// only add or remove breaks inside the clusters it replaced; the rest only shift.
struct LineBreakIndex: Equatable, Sendable {
    /// Cluster indices of the line breaks, ascending.
    private(set) var positions: [Int] = []

    /// The number of lines: one more than the breaks.
    var lineCount: Int { positions.count + 1 }

    /// Indexes every break in `characters` anew.
    mutating func reindex(_ characters: [Character]) {
        positions.removeAll(keepingCapacity: true)
        for (index, character) in characters.enumerated() where character == "\n" {
            positions.append(index)
        }
    }

    /// The clusters at `range` were replaced by `inserted` (starting at `range.lowerBound`).
    mutating func replace(_ range: Range<Int>, with inserted: some Collection<Character>) {
        let first = firstPosition(atOrAfter: range.lowerBound)
        let end = firstPosition(atOrAfter: range.upperBound)
        var added: [Int] = []
        for (offset, character) in inserted.enumerated() where character == "\n" {
            added.append(range.lowerBound + offset)
        }
        positions.replaceSubrange(first..<end, with: added)
        let delta = inserted.count - range.count
        if delta != 0 {
            for index in (first + added.count)..<positions.count {
                positions[index] += delta
            }
        }
    }

    /// The line (0-based) that cluster position `position` is on; a break belongs to the line it ends.
    func line(containing position: Int) -> Int {
        firstPosition(atOrAfter: position)
    }

    /// The cluster index where line `line` starts.
    func start(ofLine line: Int) -> Int {
        line <= 0 || positions.isEmpty ? 0 : positions[min(line, positions.count) - 1] + 1
    }

    /// The cluster index where line `line` ends (its break, or `count` for the last line).
    func end(ofLine line: Int, count: Int) -> Int {
        line < positions.count ? positions[max(0, line)] : count
    }

    /// Index into `positions` of the first break at or after `position` (binary search).
    private func firstPosition(atOrAfter position: Int) -> Int {
        var low = 0
        var high = positions.count
        while low < high {
            let middle = (low + high) / 2
            if positions[middle] < position {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
