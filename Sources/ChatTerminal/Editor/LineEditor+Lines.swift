/// The draft's lines: ↑/↓ between them, and the rows the input area shows.
///
/// ↑/↓ move between the lines of a multi-line draft and recall history only from its first / last
/// line, as zsh's `up-line-or-history` and fish do; Ctrl-↑/↓ (and Alt-P/N) always recall.
extension LineEditor {
    /// The number of lines in the draft (1 for an empty or single-line draft).
    public var lineCount: Int { breaks.lineCount }

    /// The line (0-based) the cursor is on.
    public var cursorLine: Int { breaks.line(containing: cursor) }

    /// Home / Ctrl-A: the start of the cursor's line; from there, the start of the draft.
    func lineStartOrDraftStart() -> Int {
        let start = breaks.start(ofLine: cursorLine)
        return cursor == start ? 0 : start
    }

    /// End / Ctrl-E: the end of the cursor's line; from there, the end of the draft.
    func lineEndOrDraftEnd() -> Int {
        let end = breaks.end(ofLine: cursorLine, count: characters.count)
        return cursor == end ? characters.count : end
    }

    /// Ctrl-U: from the start of the cursor's line; at a line's start, the break before it (joining
    /// the lines, as Ctrl-K at a line's end does in emacs).
    func killRangeToLineStart() -> Range<Int> {
        let start = breaks.start(ofLine: cursorLine)
        return start < cursor ? start..<cursor : max(0, cursor - 1)..<cursor
    }

    /// Ctrl-K: to the end of the cursor's line; at a line's end, the break after it.
    func killRangeToLineEnd() -> Range<Int> {
        let end = breaks.end(ofLine: cursorLine, count: characters.count)
        return cursor < end ? cursor..<end : cursor..<min(characters.count, cursor + 1)
    }

    mutating func moveLineUp(goal: Int?) {
        let line = cursorLine
        guard line > 0 else {
            if let recalled = history.previous(current: text) { replaceAll(with: recalled) }
            return
        }
        moveCursor(toLine: line - 1, goal: goal ?? column(inLine: line))
    }

    mutating func moveLineDown(goal: Int?) {
        let line = cursorLine
        guard line + 1 < lineCount else {
            if let recalled = history.next(current: text) { replaceAll(with: recalled) }
            return
        }
        moveCursor(toLine: line + 1, goal: goal ?? column(inLine: line))
    }

    /// The cursor's column from the start of its line `line`.
    private func column(inLine line: Int) -> Int {
        columns.sum(breaks.start(ofLine: line)..<cursor)
    }

    /// Puts the cursor in `line` at the last position not right of `goal` columns, and keeps aiming there.
    private mutating func moveCursor(toLine line: Int, goal: Int) {
        var index = breaks.start(ofLine: line)
        let end = breaks.end(ofLine: line, count: characters.count)
        var used = 0
        while index < end, used + columns[index] <= goal {
            used += columns[index]
            index += 1
        }
        cursor = index
        goalColumn = goal
    }

    // MARK: - Display

    /// The rows of the input area, `rows` high and `width` columns wide: one row per line, scrolled
    /// so the cursor's line shows (in steps of half the area, stateless, like `visibleSlice`
    /// horizontally); the cursor's row is scrolled sideways to the cursor, the others show their start.
    public func visibleLines(width: Int, rows: Int) -> VisibleLines {
        let rows = max(1, rows)
        let total = lineCount
        let current = cursorLine
        var first = 0
        if total > rows, current >= rows {
            first = rows == 1 ? current : ((current - (rows - 1)) / max(1, rows / 2) + 1) * max(1, rows / 2)
            first = min(first, total - rows)
        }
        let last = min(total, first + rows)
        var slices: [VisibleSlice] = []
        for line in first..<last {
            let range = breaks.start(ofLine: line)..<breaks.end(ofLine: line, count: characters.count)
            slices.append(slice(of: range, cursor: line == current ? cursor : nil, width: width))
        }
        return VisibleLines(rows: slices, cursorRow: current - first, firstLine: first, lineCount: total)
    }

    /// The part of the clusters in `range` to draw in a field `width` columns wide, scrolled so
    /// `cursor` (inside `range`, or nil for "show the start") shows.
    ///
    /// Scrolling is stateless and moves in steps of half the field, so the text does not jitter
    /// while typing. A wide cluster that would straddle either edge is left out rather than split.
    /// Line breaks inside `range` show as `⏎`, controls as their placeholders.
    func slice(of range: Range<Int>, cursor: Int?, width: Int) -> VisibleSlice {
        guard width >= 1 else {
            return VisibleSlice(text: "", width: 0, cursorColumn: 0, clippedLeft: !range.isEmpty, clippedRight: false)
        }
        // Only the clusters around the cursor are looked at: widths come from `columns`, and the
        // display form is made for the visible part alone, so a 1 MB line costs what a short one does.
        let anchor = cursor ?? range.lowerBound
        let cursorColumn = columns.sum(range.lowerBound..<anchor)
        let firstColumn: Int
        if cursorColumn < width {
            firstColumn = 0
        } else if width == 1 {
            firstColumn = cursorColumn
        } else {
            let step = max(1, width / 2)
            firstColumn = ((cursorColumn - (width - 1)) / step + 1) * step
        }
        // First cluster starting at or after firstColumn, found by walking back from the cursor.
        var index = anchor
        var column = cursorColumn
        while index > range.lowerBound, column - columns[index - 1] >= firstColumn {
            column -= columns[index - 1]
            index -= 1
        }
        let startColumn = column
        var text = String.UnicodeScalarView()
        var used = 0
        var end = index
        var previous = columns.contextScalar(before: index, in: characters)
        while end < range.upperBound, used + columns[end] <= width {
            ClusterColumns.forEachScalar(of: characters[end], after: &previous, charset: charset) { text.append($0) }
            used += columns[end]
            end += 1
        }
        return VisibleSlice(
            text: String(text), width: used, cursorColumn: min(cursorColumn - startColumn, width - 1),
            clippedLeft: index > range.lowerBound, clippedRight: end < range.upperBound)
    }
}
