/// A single-line editor over grapheme clusters: cursor movement, kill/yank, history and name completion.
///
/// The text is kept as typed: pasted line breaks stay real line breaks (normalised to `\n`) so a
/// multi-line paste is sent as one multi-line message; the input field shows each one as `⏎`.
/// Other control characters are kept too and shown by `visibleSlice` in their sanitised form.
/// Every command except `complete` ends a running Tab-completion cycle. ↑/↓ show submitted lines;
/// the line being typed when recall started comes back after the newest one, while edits made to a
/// recalled line are dropped when moving on to another (as in most IRC clients).
public struct LineEditor: Equatable, Sendable {
    /// The line's grapheme clusters.
    public private(set) var characters: [Character] = []
    /// Cursor position: the number of clusters before it (0...characters.count).
    public private(set) var cursor = 0
    /// Text removed by the last kill command, inserted again by `yank`.
    public private(set) var killBuffer = ""
    /// Submitted lines for ↑/↓ recall.
    public private(set) var history: EditorHistory
    /// The running Tab-completion cycle, if the last command was `complete`.
    private var completion: CompletionCycle?

    /// An empty editor whose history keeps `historyLimit` lines.
    public init(historyLimit: Int = 500) {
        history = EditorHistory(limit: historyLimit)
    }

    /// The whole line.
    public var text: String {
        String(characters)
    }

    /// Whether the line is empty.
    public var isEmpty: Bool {
        characters.isEmpty
    }

    // MARK: - Commands

    /// Performs one editing command.
    public mutating func apply(_ command: EditorCommand) {
        completion = nil
        switch command {
        case .insert(let text):
            insert(text)
        case .moveLeft:
            cursor = max(0, cursor - 1)
        case .moveRight:
            cursor = min(characters.count, cursor + 1)
        case .moveWordLeft:
            cursor = wordStart(before: cursor)
        case .moveWordRight:
            cursor = wordEnd(after: cursor)
        case .moveToStart:
            cursor = 0
        case .moveToEnd:
            cursor = characters.count
        case .deleteBackward:
            if cursor > 0 {
                remove(cursor - 1..<cursor, kill: false)
            }
        case .deleteForward:
            if cursor < characters.count {
                remove(cursor..<cursor + 1, kill: false)
            }
        case .deleteWordBackward:
            remove(spaceDelimitedWordStart(before: cursor)..<cursor, kill: true)
        case .deleteWordForward:
            remove(cursor..<wordEnd(after: cursor), kill: true)
        case .killToStart:
            remove(0..<cursor, kill: true)
        case .killToEnd:
            remove(cursor..<characters.count, kill: true)
        case .yank:
            insert(killBuffer)
        case .historyPrevious:
            if let line = history.previous(current: text) {
                replaceAll(with: line)
            }
        case .historyNext:
            if let line = history.next(current: text) {
                replaceAll(with: line)
            }
        }
    }

    /// Returns the line, records it in the history and clears the editor.
    public mutating func submit() -> String {
        completion = nil
        let line = text
        history.record(line)
        characters = []
        cursor = 0
        return line
    }

    /// Replaces the whole line (cursor at the end), leaving history and kill buffer alone.
    public mutating func setText(_ newText: String) {
        completion = nil
        replaceAll(with: newText)
    }

    /// Tab: completes the word before the cursor from `candidates` (in priority order), or cycles.
    ///
    /// Matching is a case-insensitive prefix match. The first press replaces the word with the first
    /// match followed by `": "` when the word starts the line, else `" "`; each further press
    /// (with no other command in between) replaces it with the next match, wrapping around.
    /// Nothing happens when the word is empty or nothing matches.
    public mutating func complete(candidates: [String]) {
        if var cycle = completion, !cycle.matches.isEmpty {
            cycle.index = (cycle.index + 1) % cycle.matches.count
            let end = min(characters.count, cycle.wordStart + cycle.insertedCount)
            cycle.wordStart = min(cycle.wordStart, end)
            characters.removeSubrange(cycle.wordStart..<end)
            cursor = cycle.wordStart
            cycle.insertedCount = insertCompletion(cycle.matches[cycle.index], at: cycle.wordStart)
            completion = cycle
            return
        }
        let start = completionWordStart()
        guard start < cursor else {
            return
        }
        let prefix = String(characters[start..<cursor]).lowercased()
        var seen = Set<String>()
        let matches = candidates.filter { candidate in
            !candidate.isEmpty && candidate.lowercased().hasPrefix(prefix) && seen.insert(candidate).inserted
        }
        guard let first = matches.first else {
            return
        }
        characters.removeSubrange(start..<cursor)
        cursor = start
        let inserted = insertCompletion(first, at: start)
        completion = CompletionCycle(wordStart: start, matches: matches, index: 0, insertedCount: inserted)
    }

    // MARK: - Display

    /// The part of the line to draw in a field `width` columns wide, scrolled so the cursor shows.
    ///
    /// Scrolling is stateless and moves in steps of half the field, so the text does not jitter
    /// while typing. A wide cluster that would straddle either edge is left out rather than split.
    /// Line breaks show as `⏎`, controls as their placeholders.
    public func visibleSlice(width: Int) -> VisibleSlice {
        guard width >= 1 else {
            return VisibleSlice(text: "", width: 0, cursorColumn: 0, clippedLeft: !isEmpty, clippedRight: false)
        }
        // Display form and width per cluster, in context (see TerminalSanitizer on skin-tone modifiers).
        var displays: [String.UnicodeScalarView] = []
        var widths: [Int] = []
        displays.reserveCapacity(characters.count)
        widths.reserveCapacity(characters.count)
        var previous: Unicode.Scalar?
        for character in characters {
            var display = String.UnicodeScalarView()
            TerminalSanitizer.forEachDisplayScalar(of: character, after: &previous) { display.append($0) }
            widths.append(display.reduce(0) { $0 + TerminalWidth.columns(of: $1) })
            displays.append(display)
        }
        let cursorColumn = widths[..<cursor].reduce(0, +)
        let firstColumn: Int
        if cursorColumn < width {
            firstColumn = 0
        } else if width == 1 {
            firstColumn = cursorColumn
        } else {
            let step = max(1, width / 2)
            firstColumn = ((cursorColumn - (width - 1)) / step + 1) * step
        }
        // First cluster starting at or after firstColumn.
        var index = 0
        var column = 0
        while index < characters.count, column < firstColumn {
            column += widths[index]
            index += 1
        }
        let startColumn = column
        var text = String.UnicodeScalarView()
        var used = 0
        var end = index
        while end < characters.count, used + widths[end] <= width {
            text.append(contentsOf: displays[end])
            used += widths[end]
            end += 1
        }
        return VisibleSlice(
            text: String(text), width: used, cursorColumn: min(cursorColumn - startColumn, width - 1),
            clippedLeft: index > 0, clippedRight: end < characters.count)
    }

    // MARK: - Helpers

    private mutating func insert(_ newText: String) {
        guard !newText.isEmpty else {
            return
        }
        var normalized = ""
        for character in newText {
            normalized.append(TerminalSanitizer.isLineBreak(character) ? "\n" : character)
        }
        let before = String(characters[..<cursor]) + normalized
        let after = String(characters[cursor...])
        renormalize(before: before, after: after)
    }

    private mutating func remove(_ range: Range<Int>, kill: Bool) {
        guard !range.isEmpty else {
            return
        }
        if kill {
            killBuffer = String(characters[range])
        }
        let before = String(characters[..<range.lowerBound])
        let after = String(characters[range.upperBound...])
        renormalize(before: before, after: after)
    }

    /// Rebuilds the clusters from text (neighbours may merge, e.g. a typed combining mark).
    private mutating func renormalize(before: String, after: String) {
        characters = Array(before + after)
        cursor = min(before.count, characters.count)
    }

    private mutating func replaceAll(with line: String) {
        var normalized = ""
        for character in line {
            normalized.append(TerminalSanitizer.isLineBreak(character) ? "\n" : character)
        }
        characters = Array(normalized)
        cursor = characters.count
    }

    /// Inserts `name` and its suffix at `index`, puts the cursor after them, returns their cluster count.
    private mutating func insertCompletion(_ name: String, at index: Int) -> Int {
        let suffix = index == 0 ? ": " : " "
        let countBefore = characters.count
        renormalize(before: String(characters[..<index]) + name + suffix, after: String(characters[index...]))
        return characters.count - countBefore
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        !(character.isWhitespace || character.isPunctuation || character.isSymbol)
    }

    /// Start of the word before `position` (skips non-word clusters first), as Alt-B moves.
    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, !isWordCharacter(characters[index - 1]) {
            index -= 1
        }
        while index > 0, isWordCharacter(characters[index - 1]) {
            index -= 1
        }
        return index
    }

    /// End of the word after `position` (skips non-word clusters first), as Alt-F moves.
    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, !isWordCharacter(characters[index]) {
            index += 1
        }
        while index < characters.count, isWordCharacter(characters[index]) {
            index += 1
        }
        return index
    }

    /// Start of the whitespace-delimited word before `position`, skipping spaces first (as Ctrl-W deletes).
    private func spaceDelimitedWordStart(before position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1].isWhitespace {
            index -= 1
        }
        while index > 0, !characters[index - 1].isWhitespace {
            index -= 1
        }
        return index
    }

    /// Start of the whitespace-delimited word ending at the cursor (names may contain punctuation).
    private func completionWordStart() -> Int {
        var index = cursor
        while index > 0, !characters[index - 1].isWhitespace {
            index -= 1
        }
        return index
    }
}
