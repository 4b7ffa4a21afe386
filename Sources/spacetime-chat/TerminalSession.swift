import ChatCore
import ChatTerminal
import Foundation
import Logging
import SpacetimeDB

/// The UI thread's work: owns curses (through ``CursesPainter``), the chat model, the line editor and
/// the key decoder. It blocks in `poll()` on stdin, the inbox's wake pipe and the signal pipe; applies
/// every pending event; then redraws once. Only timers for visible countdowns wake it while idle.
final class TerminalSession {
    /// Why the session ended.
    enum Ending: Equatable {
        /// `/quit`, Ctrl-C, or Ctrl-D on an empty line.
        case quit
        /// SIGTERM, SIGINT or SIGHUP.
        case signal(SignalPipe.Signal)
        /// The terminal closed (stdin reached end of file).
        case terminalClosed
        /// The connection ended for good with this reason.
        case connectionClosed(String)
    }

    private let inbox: EventInbox<AppEvent>
    /// The SDK connection; `/reset-identity` replaces it with one made without a token.
    private(set) var bridge: ChatConnectionBridge
    private let credentials: CredentialsFile
    private let makeBridge: (String?) throws(DbConnectionError) -> ChatConnectionBridge
    private let painter: CursesPainter
    /// Adds submitted lines to the input history file, unless `--no-history-file`.
    private let historyWriter: InputHistoryWriter?
    private let useColor: Bool
    private let asciiOnly: Bool
    private let markup: Bool
    private let logger: Logger
    private let onReconnecting: @Sendable () -> Void
    /// Why the connection ended for good, while it stays ended: quitting then exits as `connectionClosed`.
    private var closedReason: String?

    private var model: ChatModel
    private var editor = LineEditor(historyLimit: InputHistoryCodec.defaultLimit)
    private var decoder = KeyDecoder()
    private var composer = ChatScreenComposer()
    private var columns = 80
    private var rows = 24
    private var ending: Ending?
    /// When a subscription's rows went into the model and the screen has not been painted since:
    /// the paint after it is timed for the log.
    private var snapshotAppliedAt: ContinuousClock.Instant?

    init(
        settings: ChatSettings, inbox: EventInbox<AppEvent>, bridge: ChatConnectionBridge, credentials: CredentialsFile,
        logger: Logger, makeBridge: @escaping (String?) throws(DbConnectionError) -> ChatConnectionBridge,
        onReconnecting: @escaping @Sendable () -> Void
    ) {
        self.inbox = inbox
        self.bridge = bridge
        self.credentials = credentials
        self.makeBridge = makeBridge
        self.useColor = settings.useColor
        self.asciiOnly = settings.asciiOnly
        self.markup = settings.markup
        self.logger = logger
        self.onReconnecting = onReconnecting
        painter = CursesPainter(reportsMouse: settings.mouse)
        historyWriter = settings.historyFile.map { path in
            InputHistoryWriter(store: InputHistoryStore(path: path)) { [logger] error in logger.warning("\(error)") }
        }
        if let store = historyWriter?.store {
            let (entries, problem) = store.load()
            if let problem { logger.warning("\(problem)") }
            editor.restoreHistory(entries)
            logger.info("input history: \(entries.count) entries from \(store.path)")
        }
        model = ChatModel(databaseName: settings.database, hostLabel: Self.hostLabel(settings.host))
        model.setBell(settings.bell)
        // Fixed for the session, so a reconnect re-subscribes the very same window.
        model.useHistoryWindow(start: settings.since.windowStart(now: .now()))
    }

    /// "localhost:3000" from "http://localhost:3000".
    static func hostLabel(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        return components.port.map { "\(host):\($0)" } ?? host
    }

    /// Applies events that arrived before the screen started (the connect result).
    func prime(with events: [AppEvent]) {
        for event in events { handle(event) }
    }

    /// Runs the screen until the user quits or the connection ends for good; always restores the terminal.
    func run() throws(TerminalLoopError) -> Ending {
        // Runs last, after the terminal is restored: lines submitted just before quitting reach the file.
        defer { historyWriter?.flush() }
        let signals = try SignalPipe.install()
        let charset = painter.start(useColor: useColor, charset: asciiOnly ? .ascii : .utf8)
        defer { painter.stop() }
        // Runs before the deferred stop: the title goes back while the screen is still ours.
        defer { carryOut(model.attention.finish()) }
        composer.charset = charset
        composer.markup = markup
        editor.charset = charset
        logger.info("drawing with \(charset == .ascii ? "ASCII only" : "UTF-8") (\(setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "?"))")
        if let size = SignalPipe.terminalSize() {
            columns = size.columns
            rows = size.rows
            painter.resize(columns: columns, rows: rows)
        } else {
            (columns, rows) = painter.size
        }
        if let ending { return finalEnding(ending) }
        redraw()
        let loop = TerminalEventLoop(wakePipe: inbox.wakePipe, signalDescriptor: signals)
        try loop.run { wakes in
            for wake in wakes { process(wake) }
            if ending != nil { return .stop }
            redraw()
            return nextWait()
        }
        return finalEnding(ending ?? .quit)
    }

    /// Quitting after the connection ended for good still reports that end (exit 5 and its reason).
    private func finalEnding(_ ending: Ending) -> Ending {
        if ending == .quit, let closedReason { return .connectionClosed(closedReason) }
        return ending
    }

    // MARK: - Input and events

    private func process(_ wake: TerminalEventLoop.Wake) {
        switch wake {
        case .input(let bytes):
            for event in decoder.feed(bytes) { handle(key: event) }
        case .deadline:
            if decoder.pending != .none {
                for event in decoder.flush() { handle(key: event) }
            }
        case .posted:
            for event in inbox.takeAll() { handle(event) }
        case .signal(.windowChanged):
            if let size = SignalPipe.terminalSize() {
                columns = size.columns
                rows = size.rows
                painter.resize(columns: columns, rows: rows)
                clampScroll()
            }
        case .signal(let signal):
            ending = .signal(signal)
        case .inputClosed:
            ending = .terminalClosed
        }
    }

    private func handle(_ event: AppEvent) {
        switch event {
        case .chat(let chatEvent):
            if case .reconnecting = chatEvent { onReconnecting() }
            let started = ContinuousClock.now
            perform(model.apply(chatEvent, at: .now()))
            if case .initialRowsApplied(let users, let messages) = chatEvent {
                snapshotAppliedAt = .now
                logger.info("""
                    subscription rows into the model: \(messages.count) messages, \(users.count) users, \
                    \(ElapsedTime.milliseconds(since: started)); the log holds \(model.log.count) entries
                    """)
            }
            if case .connected = chatEvent { bridge.subscribeIfNeeded(windowStart: model.history.windowStart, logger: logger) }
            maintainHistory()
        case .initialConnectFailed(let error):
            // Only a connection made by /reset-identity gets here (a failed start exits before the
            // screen starts): it ends like any other, with the queue kept and a way to retry.
            closedReason = "\(error)"
            let path = try? credentials.path()
            perform(model.apply(.closedForGood(ConnectionRefusal(error: error, credentialsPath: path)), at: .now()))
        case .closed(let reason):
            // Ended for good: stay open so nothing typed is lost; the model says why and what to do.
            if let reason {
                closedReason = "\(reason)"
                let path = try? credentials.path()
                perform(model.apply(.closedForGood(ConnectionRefusal(error: reason, credentialsPath: path)), at: .now()))
            }
        case .hostingLocally(let url):
            logger.info("now hosting at \(url)")
        }
    }

    private func handle(key event: KeyEvent) {
        let inputLines = editor.lineCount
        defer {
            // The input area grew or shrank: the log's height changed with it.
            if editor.lineCount != inputLines { clampScroll() }
        }
        let cursorAtEnd = editor.cursor == editor.characters.count
        switch KeyBinding.action(for: event, editorIsEmpty: editor.isEmpty, cursorAtEnd: cursorAtEnd) {
        case .edit(let command):
            editor.apply(command)
        case .submit:
            let line = editor.submit()
            if editor.lastSubmitWasRecorded { historyWriter?.record(line) }
            perform(model.submit(line, at: .now()))
        case .complete:
            editor.complete(candidates: model.completionCandidates(prefix: ""))
        case .scrollPageUp:
            scroll { model, height, count in model.pageUp(pageSize: height, lineCount: count) }
        case .scrollPageDown:
            scroll { model, height, count in model.pageDown(pageSize: height, lineCount: count) }
        case .scrollLines(let delta):
            scroll { model, height, count in model.scroll(byLines: delta, viewHeight: height, lineCount: count) }
        case .scrollToTop:
            scroll { model, height, count in model.scrollToTop(viewHeight: height, lineCount: count) }
        case .scrollToBottom:
            model.scrollToEnd()
            maintainHistory()
        case .searchOlder:
            if model.search == nil, !editor.isEmpty {
                model.startSearch(editor.submit())
            } else {
                model.searchOlder()
            }
            maintainHistory()
        case .searchNewer:
            model.searchNewer()
            maintainHistory()
        case .cancelSearch:
            model.cancelSearch()
            maintainHistory()
        case .toggleSidebar:
            model.sidebarVisible.toggle()
        case .jumpToUnread:
            jumpToUnread()
        case .focusChanged(let focused):
            model.terminalFocusChanged(focused)
        case .redraw:
            painter.resize(columns: columns, rows: rows)
            painter.repaintEverything()
        case .quit:
            ending = .quit
        case .none:
            break
        }
    }

    /// Alt-U, `/unread`: the unread marker to the top row.
    private func jumpToUnread() {
        scroll { model, height, count in model.jumpToUnread(viewHeight: height, lineCount: count) }
    }

    /// Carries out the attention core's decisions: bell and title, through the painter.
    private func carryOut(_ actions: [AttentionAction]) {
        for action in actions {
            switch action {
            case .ringBell: painter.ringBell()
            case .saveTitle: painter.saveTitle()
            case .setTitle(let title): painter.setTitle(title)
            case .restoreTitle: painter.restoreTitle()
            }
        }
    }

    /// Keeps the scroll position valid after the log's size changed.
    private func clampScroll() {
        let width = logWidth
        let snapshot = model
        model.clampScroll(viewHeight: logHeight) { self.composer.lineCount(of: $0, in: snapshot, width: width) }
    }

    private func scroll(_ move: (inout ChatModel, Int, (Int) -> Int) -> Void) {
        let width = logWidth
        let snapshot = model
        move(&model, logHeight) { self.composer.lineCount(of: $0, in: snapshot, width: width) }
        maintainHistory()
    }

    /// Fetches an older page when the top of the log is in view; drops far pages back at the bottom.
    private func maintainHistory() {
        let width = logWidth
        let snapshot = model
        perform(model.maintainHistory(viewHeight: logHeight) { self.composer.lineCount(of: $0, in: snapshot, width: width) })
    }

    private func perform(_ effects: [ChatEffect]) {
        for effect in effects {
            switch effect {
            case .sendMessage(let localID, let text):
                bridge.sendMessage(text, localID: localID)
            case .setName(let localID, let name):
                bridge.setName(name, localID: localID)
            case .startOverWithNewIdentity:
                startOverWithNewIdentity()
            case .quit:
                ending = .quit
            case .loadHistory(let request):
                bridge.loadHistory(request, logger: logger)
            case .jumpToUnread:
                jumpToUnread()
            }
        }
    }

    /// `/reset-identity`: moves the refused credentials aside, connects with no token (the host
    /// gives a new identity) and lets the model send what was queued once the history is in.
    private func startOverWithNewIdentity() {
        let movedTo: String?
        do {
            movedTo = try CredentialsSetAside.moveAside(try credentials.path())
        } catch {
            model.couldNotStartOver(reason: "\(error)", at: .now())
            return
        }
        let next: ChatConnectionBridge
        do {
            next = try makeBridge(nil)
        } catch {
            model.couldNotStartOver(reason: "\(error)", at: .now())
            return
        }
        logger.info("starting over with a new identity; old credentials at \(movedTo ?? "(none)")")
        bridge.connection.disconnect()
        bridge = next
        closedReason = nil
        model.startedOverWithNewIdentity(credentialsMovedTo: movedTo, at: .now())
        next.run()
    }

    // MARK: - Drawing

    private var regions: ScreenRegions? {
        composer.layout(columns: columns, rows: rows, model: model, inputLines: editor.lineCount).regions
    }
    private var logWidth: Int { regions?.messageLog.width ?? columns }
    private var logHeight: Int { max(1, regions?.messageLog.height ?? rows) }

    private func redraw() {
        carryOut(model.settleAttention())
        painter.paint(composer.compose(model: model, editor: editor, columns: columns, rows: rows, now: .now()))
        if let applied = snapshotAppliedAt {
            snapshotAppliedAt = nil
            logger.info("painted \(ElapsedTime.milliseconds(since: applied)) after the subscription's rows went into the model")
        }
    }

    /// How long `poll()` may sleep: until a half-read escape sequence must be flushed, until the
    /// reconnect countdown changes, or forever.
    private func nextWait() -> TerminalEventLoop.Next {
        switch decoder.pending {
        case .sequence: return .waitAtMost(milliseconds: 25)
        case .paste: return .waitAtMost(milliseconds: 1000)
        case .none: break
        }
        if case .reconnecting(_, let next) = model.connection {
            let micros = next.microsecondsSinceUnixEpoch - Timestamp.now().microsecondsSinceUnixEpoch
            let untilNextSecond = micros > 0 ? (micros % 1_000_000) / 1000 + 1 : 1000
            return .waitAtMost(milliseconds: Int32(clamping: untilNextSecond))
        }
        return .waitIndefinitely
    }
}
