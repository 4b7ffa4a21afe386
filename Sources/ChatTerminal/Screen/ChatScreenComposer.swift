import ChatCore
import Foundation
import SpacetimeDB

/// Composes a ``ScreenFrame`` from the chat model and the line editor: status bar, wrapped message
/// log, presence sidebar, input line. Pure: the same inputs give the same frame, so tests read frames
/// without a terminal, and only ``CursesPainter`` touches curses.
///
/// Every name and message passes through ``TerminalSanitizer`` before it is measured, so text from
/// the network can neither move the cursor nor break the layout.
public struct ChatScreenComposer {
    /// The local calendar (time zone) for clock times and day separators.
    public var calendar: LogCalendar
    /// What the terminal can draw: all of Unicode, or ASCII only (see ``TerminalCharset``).
    public var charset: TerminalCharset = .utf8
    /// Whether messages' HTML-like tags are drawn as styles (`--no-markup` shows them as typed).
    public var markup = true
    private var cache = EntryLineCache()

    /// Creates a composer that shows times in `timeZone`.
    public init(timeZone: TimeZone = .current) {
        calendar = LogCalendar(timeZone: timeZone)
    }

    /// The layout for a terminal of this size and this model, with a draft of `inputLines` lines.
    public func layout(columns: Int, rows: Int, model: ChatModel, inputLines: Int = 1) -> ScreenLayout {
        let longest = model.presence.prefix(200).map { TerminalWidth.width(of: display($0.displayName)) + ($0.isSelf ? 2 : 0) }.max() ?? 0
        return ScreenLayout.compute(
            columns: columns, rows: rows, sidebarWanted: model.sidebarVisible, longestNameWidth: longest, inputLines: inputLines)
    }

    /// The number of screen lines entry `index` takes in a log of `width` columns (at least 1).
    public mutating func lineCount(of index: Int, in model: ChatModel, width: Int) -> Int {
        cache.prepare(width: width, nameColumn: nameColumn(for: model, width: width), ownName: model.ownName, charset: charset, markup: markup, searchQuery: model.search?.query)
        return lines(of: index, in: model, width: width).count
    }

    /// Builds the frame for a terminal of `columns` × `rows`.
    public mutating func compose(model: ChatModel, editor: LineEditor, columns: Int, rows: Int, now: Timestamp) -> ScreenFrame {
        var frame = composeFrame(model: model, editor: editor, columns: columns, rows: rows, now: now)
        if charset == .ascii {
            for row in frame.lines.indices {
                for index in frame.lines[row].indices {
                    frame.lines[row][index].text = TerminalCharset.asciiFrameText(frame.lines[row][index].text)
                }
            }
        }
        return frame
    }

    /// Text from outside in the form it is measured and drawn in: sanitised, then in `charset`.
    func display(_ text: some StringProtocol, keepingLineBreaks: Bool = false) -> String {
        charset.transcribe(TerminalSanitizer.sanitize(text, keepingLineBreaks: keepingLineBreaks))
    }

    private mutating func composeFrame(model: ChatModel, editor: LineEditor, columns: Int, rows: Int, now: Timestamp) -> ScreenFrame {
        var frame = ScreenFrame(columns: columns, rows: rows)
        switch layout(columns: columns, rows: rows, model: model, inputLines: editor.lineCount) {
        case .tooSmall(let width, let height):
            guard width > 0, height > 0 else { return frame }
            let note = TextWrapper.truncate("terminal too small", toWidth: width)
            frame.put(note, row: height / 2, column: max(0, (width - TerminalWidth.width(of: note)) / 2), style: ScreenStyle(color: .accent))
            return frame
        case .regular(let regions):
            composeStatus(into: &frame, rect: regions.statusBar, model: model, now: now)
            composeLog(into: &frame, rect: regions.messageLog, model: model, endKeyJumps: editor.cursor == editor.characters.count)
            if let separator = regions.separator {
                for row in separator.row..<separator.endRow {
                    frame.put("│", row: row, column: separator.column, style: ScreenStyle(color: .muted))
                }
            }
            if let sidebar = regions.sidebar {
                composeSidebar(into: &frame, rect: sidebar, model: model)
            }
            composeInput(into: &frame, rect: regions.inputLine, editor: editor)
            return frame
        }
    }

    // MARK: - Status bar

    private func composeStatus(into frame: inout ScreenFrame, rect: ScreenRect, model: ChatModel, now: Timestamp) {
        let state: String
        switch model.connection {
        case .connecting: state = "◌ connecting…"
        case .connected: state = "● connected"
        case .reconnecting(let attempt, let next):
            let micros = max(0, next.microsecondsSinceUnixEpoch - now.microsecondsSinceUnixEpoch)
            let seconds = (micros + 999_999) / 1_000_000
            state = "◌ reconnecting in \(seconds)s, attempt \(attempt)"
        case .disconnected(let reason): state = "○ disconnected" + (reason.map { ": \($0)" } ?? "")
        case .failed(let reason): state = "✗ failed: \(reason)"
        }
        // While not connected nobody's presence is known: the count would be a stale guess.
        let online = model.presenceIsKnown ? "\(model.onlineCount)/\(model.userCount) online" : "?/\(model.userCount) online"
        let text = Self.statusText(
            state: display(state),
            // While searching, the place gives way to where the search is ("3/17").
            place: model.search.map { display($0.statusText) } ?? "\(display(model.databaseName)) @ \(display(model.hostLabel))",
            you: model.ownDisplayName.map { "you: \(display($0))" },
            online: online,
            width: rect.width)
        let color: ScreenColor
        switch model.connection {
        case .connected: color = .status
        case .failed, .disconnected: color = .error
        case .connecting, .reconnecting: color = .accent
        }
        frame.put(text, row: rect.row, column: rect.column, style: ScreenStyle(color: color, reverse: true))
    }

    /// Lays out the status bar in `width` columns: ` state  db @ host   you: name  …  k/n online `.
    ///
    /// When it does not all fit, parts go in order of how little a reader misses them: the database
    /// and host are shortened, then dropped, then the own name; the connection state and the online
    /// count stay (the state is cut last, on the narrowest terminals).
    static func statusText(state: String, place: String, you: String?, online: String, width: Int) -> String {
        guard width > 0 else { return "" }
        let stateText = " " + state
        let right = online + " "
        // At least three blank columns before the count, so it never reads as part of a name.
        let minimumGap = 3
        let used = TerminalWidth.width(of: stateText) + minimumGap + TerminalWidth.width(of: right)
        guard used <= width else {
            let cut = TextWrapper.truncate(stateText, toWidth: width)
            return cut + String(repeating: " ", count: max(0, width - TerminalWidth.width(of: cut)))
        }
        var left = stateText
        var free = width - used
        // Own name before the place: which identity you chat as matters more than where.
        var youText = ""
        if let you {
            let candidate = "   " + you
            if TerminalWidth.width(of: candidate) <= free {
                youText = candidate
                free -= TerminalWidth.width(of: candidate)
            }
        }
        let placeText = "  " + place
        if TerminalWidth.width(of: placeText) <= free {
            left += placeText
        } else if free >= 12 {
            left += "  " + TextWrapper.truncate(place, toWidth: free - 2)
        }
        left += youText
        let gap = max(minimumGap, width - TerminalWidth.width(of: left) - TerminalWidth.width(of: right))
        return left + String(repeating: " ", count: gap) + right
    }

    // MARK: - Message log

    private mutating func composeLog(into frame: inout ScreenFrame, rect: ScreenRect, model: ChatModel, endKeyJumps: Bool) {
        guard rect.height > 0, rect.width > 0 else { return }
        cache.prepare(width: rect.width, nameColumn: nameColumn(for: model, width: rect.width), ownName: model.ownName, charset: charset, markup: markup, searchQuery: model.search?.query)
        var viewHeight = rect.height
        let showsBar = !model.scroll.isFollowing
        if showsBar { viewHeight -= 1 }
        var row = rect.row + viewHeight - 1
        if viewHeight > 0, let bottom = model.bottomLine(lineCount: { self.lineCountUnchecked($0, model, rect.width) }) {
            var entry = bottom.entryIndex
            var lines = self.lines(of: entry, in: model, width: rect.width)
            var lineIndex = min(bottom.lineOffset, lines.count - 1)
            while row >= rect.row {
                for span in lines[lineIndex] {
                    frame.put(span.text, row: row, column: rect.column + span.column, style: span.style)
                }
                row -= 1
                lineIndex -= 1
                if lineIndex < 0 {
                    entry -= 1
                    guard entry >= 0 else { break }
                    lines = self.lines(of: entry, in: model, width: rect.width)
                    lineIndex = lines.count - 1
                }
            }
        } else if viewHeight > 0, model.log.entries.isEmpty, case .connected = model.connection {
            // An empty chat would otherwise be a blank pane: say what to do, where the first
            // message will appear.
            let hint = "No messages yet. Type a message below and press Enter; /help lists the commands."
            let hintLines = TextWrapper.wrap(hint, width: rect.width).suffix(viewHeight)
            var hintRow = rect.row + viewHeight - hintLines.count
            for line in hintLines {
                frame.put(line.text, row: hintRow, column: rect.column, style: ScreenStyle(color: .muted))
                hintRow += 1
            }
        }
        if showsBar {
            let unread = model.unreadCount
            // End jumps only when it cannot move the input cursor (see KeyBinding); name the key
            // that works right now.
            let key = endKeyJumps ? "End" : "Ctrl-End"
            let label = Self.barLabel(unread: unread, mentions: model.scroll.unreadMentionCount, key: key)
            let labelText = TextWrapper.truncate(label, toWidth: max(0, rect.width - 4))
            let fill = max(0, rect.width - TerminalWidth.width(of: labelText) - 2)
            let bar = "──" + labelText + String(repeating: "─", count: fill)
            frame.put(TextWrapper.truncate(bar, toWidth: rect.width), row: rect.row + rect.height - 1, column: rect.column, style: ScreenStyle(color: .accent, bold: unread > 0))
        }
    }

    private mutating func lineCountUnchecked(_ index: Int, _ model: ChatModel, _ width: Int) -> Int {
        lines(of: index, in: model, width: width).count
    }

    /// The width of the name column: the longest display name, clamped so text keeps most of the row.
    private func nameColumn(for model: ChatModel, width: Int) -> Int {
        let longest = model.presence.prefix(200).map { TerminalWidth.width(of: display($0.displayName)) }.max() ?? 4
        return max(1, min(longest, 16, max(4, (width - 6) / 3)))
    }

    /// The screen lines of one log entry, day separator included, columns relative to the log's left edge.
    private mutating func lines(of index: Int, in model: ChatModel, width: Int) -> [[ScreenSpan]] {
        let entry = model.log[index]
        let newDay = calendar.startsNewDay(at: index, in: model.log)
        let marked = entry.id == model.attention.marker?.id
        let key = EntryLineCache.Key(id: entry.id, content: entry.content, newDay: newDay, senderName: model.senderName(of: entry), unreadRule: marked)
        if let cached = cache.lines[key] { return cached }
        var result: [[ScreenSpan]] = []
        if marked { result.append(unreadRule(width: width)) }
        if newDay { result.append(dayRule(at: entry.time, width: width)) }
        let clock = calendar.clockText(of: entry.time)
        switch entry.content {
        case .notice(let notice):
            result += noticeLines(notice, clock: clock, width: width)
        case .message, .outgoing:
            result += messageLines(entry, in: model, clock: clock, width: width)
        }
        if result.isEmpty { result = [[]] }
        cache.store(result, for: key)
        return result
    }

    /// The `── 2025-11-29 ───` rule that starts a new day.
    private func dayRule(at time: Timestamp, width: Int) -> [ScreenSpan] {
        let day = calendar.day(of: time)
        let date = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
        let label = "── \(date) "
        let text = TerminalWidth.width(of: label) <= width
            ? label + String(repeating: "─", count: width - TerminalWidth.width(of: label))
            : TextWrapper.truncate(label, toWidth: width)
        return [ScreenSpan(column: 0, text: text, style: ScreenStyle(color: .muted))]
    }

    /// A notice: clock, `··`, then the text wrapped under itself.
    private func noticeLines(_ notice: ChatNotice, clock: String, width: Int) -> [[ScreenSpan]] {
        let color: ScreenColor = notice.kind == .error ? .error : .notice
        // One notice, one logical line: a line break inside it (from a user name, a reason sent
        // by the server) shows as ⏎ instead of starting what would look like another notice.
        let body = TextWrapper.wrap(display(notice.text), width: max(1, width - 9))
        return body.enumerated().map { number, line in
            var spans: [ScreenSpan] = []
            if number == 0 {
                spans.append(ScreenSpan(column: 0, text: clock, style: ScreenStyle(color: .muted)))
                spans.append(ScreenSpan(column: 6, text: "··", style: ScreenStyle(color: color)))
            }
            if !line.text.isEmpty { spans.append(ScreenSpan(column: 9, text: line.text, style: ScreenStyle(color: color))) }
            return spans
        }
    }

    /// A message or one of ours: clock, sender in the name column, then the text wrapped under
    /// itself, with the delivery suffix (`(queued)`, `✗ reason`...) in its own style.
    private func messageLines(_ entry: LogEntry, in model: ChatModel, clock: String, width: Int) -> [[ScreenSpan]] {
        let nameWidth = cache.nameColumn
        let textColumn = 6 + nameWidth + 1
        let name = TextWrapper.truncate(display(model.senderName(of: entry) ?? "?"), toWidth: nameWidth)
        let identity = model.senderIdentity(of: entry)
        let nameColor: ScreenColor = identity.map { .sender(SenderColor.index(for: $0, paletteSize: ScreenColor.senderPaletteSize)) } ?? .normal
        let (text, textStyle, suffix) = messageLook(entry, in: model)
        var runs: [StyledTextWrapper.Run]
        if markup {
            runs = MarkupParser.parse(text).map { (display($0.text, keepingLineBreaks: true), textStyle.applying($0.attributes)) }
        } else {
            runs = [(display(text, keepingLineBreaks: true), textStyle)]
        }
        if let query = cache.searchQuery { runs = SearchHighlighter.highlighting(query, in: runs) }
        if let suffix { runs.append((display(suffix.0), suffix.1)) }
        var rows = StyledTextWrapper.wrap(runs, width: max(1, width - textColumn), column: textColumn)
        if rows.isEmpty { rows = [[]] }
        rows[0].insert(contentsOf: [
            ScreenSpan(column: 0, text: clock, style: ScreenStyle(color: .muted)),
            ScreenSpan(column: 6, text: name, style: ScreenStyle(color: nameColor, bold: true)),
        ], at: 0)
        return rows
    }

    /// A message's text, its style, and the suffix that says how far one of ours got.
    private func messageLook(_ entry: LogEntry, in model: ChatModel) -> (String, ScreenStyle, (String, ScreenStyle)?) {
        switch entry.content {
        case .message(let message):
            // Someone else saying your name stands out, as in IRC clients.
            if let ownName = cache.ownName, message.sender != model.ownIdentity,
                MentionMatcher.mentions(message.text, name: ownName)
            {
                return (message.text, ScreenStyle(color: .accent, bold: true), nil)
            }
            return (message.text, .plain, nil)
        case .outgoing(let outgoing):
            switch outgoing.delivery {
            case .queued: return (outgoing.text, ScreenStyle(dim: true), (" (queued)", ScreenStyle(color: .muted, dim: true)))
            case .sending: return (outgoing.text, ScreenStyle(dim: true), nil)
            case .committed: return (outgoing.text, .plain, nil)
            case .failed(let reason): return (outgoing.text, ScreenStyle(dim: true), (" ✗ \(reason)", ScreenStyle(color: .error)))
            case .notSent: return (outgoing.text, ScreenStyle(dim: true), (" (not sent)", ScreenStyle(color: .error)))
            }
        case .notice:
            return ("", .plain, nil)
        }
    }

    // MARK: - Sidebar

    private func composeSidebar(into frame: inout ScreenFrame, rect: ScreenRect, model: ChatModel) {
        guard rect.width > 2 else { return }
        // While not connected, whether anyone is online is unknown: every marker says so.
        let known = model.presenceIsKnown
        for (offset, entry) in model.presence.prefix(rect.height).enumerated() {
            let online = known && entry.user.online
            let marker = known ? (online ? "●" : "○") : "?"
            let markerStyle = ScreenStyle(color: online ? .online : .muted)
            let label = display(entry.displayName) + (entry.isSelf ? " *" : "")
            let name = TextWrapper.truncate(label, toWidth: rect.width - 3)
            let nameStyle = ScreenStyle(color: online ? .normal : .muted, bold: entry.isSelf)
            frame.put(marker, row: rect.row + offset, column: rect.column + 1, style: markerStyle)
            frame.put(name, row: rect.row + offset, column: rect.column + 3, style: nameStyle)
        }
        let hidden = model.presence.count - rect.height
        if hidden > 0, rect.height > 0 {
            frame.lines[rect.row + rect.height - 1].removeAll { $0.column >= rect.column }
            frame.put(TextWrapper.truncate(" +\(hidden + 1) more", toWidth: rect.width), row: rect.row + rect.height - 1, column: rect.column, style: ScreenStyle(color: .muted))
        }
    }

    // MARK: - Input line

    /// The input area: `> ` before the draft's first line, blank before the others, `↑`/`↓` on the
    /// top/bottom row when lines of the draft are hidden there.
    private func composeInput(into frame: inout ScreenFrame, rect: ScreenRect, editor: LineEditor) {
        let field = max(1, rect.width - 2)
        var editor = editor
        editor.charset = charset
        let view = editor.visibleLines(width: field, rows: rect.height)
        for (offset, slice) in view.rows.enumerated() {
            let row = rect.row + offset
            if offset == 0, view.hiddenAbove {
                frame.put("↑ ", row: row, column: rect.column, style: ScreenStyle(color: .muted))
            } else if offset == view.rows.count - 1, view.hiddenBelow {
                frame.put("↓ ", row: row, column: rect.column, style: ScreenStyle(color: .muted))
            } else if view.firstLine + offset == 0 {
                frame.put("> ", row: row, column: rect.column, style: ScreenStyle(color: .accent, bold: true))
            }
            frame.put(slice.text, row: row, column: rect.column + 2)
        }
        let cursorSlice = view.rows[min(view.cursorRow, view.rows.count - 1)]
        frame.cursor = (rect.row + view.cursorRow, min(rect.column + 2 + cursorSlice.cursorColumn, max(0, rect.width - 1)))
    }
}

/// Wrapped lines of log entries, kept between frames; dropped when the width or name column changes.
struct EntryLineCache {
    struct Key: Hashable {
        var id: EntryID
        var content: LogEntry.Content
        var newDay: Bool
        var senderName: String?
        /// The `── new ──` rule goes before this entry (the unread marker).
        var unreadRule = false
    }

    private(set) var width = -1
    private(set) var nameColumn = -1
    /// Our own chosen name: messages that mention it are highlighted, so a rename redraws them.
    private(set) var ownName: String?
    private(set) var charset = TerminalCharset.utf8
    private(set) var markup = true
    /// The query of the search in progress: its matches are highlighted.
    private(set) var searchQuery: String?
    private(set) var lines: [Key: [[ScreenSpan]]] = [:]

    mutating func prepare(width: Int, nameColumn: Int, ownName: String?, charset: TerminalCharset, markup: Bool, searchQuery: String?) {
        if width != self.width || nameColumn != self.nameColumn || ownName != self.ownName || charset != self.charset
            || markup != self.markup || searchQuery != self.searchQuery
        {
            self.searchQuery = searchQuery
            self.markup = markup
            self.width = width
            self.nameColumn = nameColumn
            self.ownName = ownName
            self.charset = charset
            lines.removeAll(keepingCapacity: true)
        }
    }

    mutating func store(_ value: [[ScreenSpan]], for key: Key) {
        // Bounded: a reader paging through 100k messages must not keep them all.
        if lines.count > 20_000 { lines.removeAll(keepingCapacity: true) }
        lines[key] = value
    }
}
