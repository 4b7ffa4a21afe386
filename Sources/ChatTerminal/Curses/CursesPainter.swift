import CNcurses
import Foundation

/// The only code that calls curses: starts and ends the screen, maps colour roles, paints frames.
///
/// It must only be used on the main thread (curses is not thread-safe). Input is not read through
/// curses: the event loop reads raw bytes from stdin and decodes them itself.
public final class CursesPainter {
    /// How many colours the painter uses.
    public enum ColorMode: Sendable, Equatable {
        /// No colour at all (`NO_COLOR`, `--no-color`, or a terminal without colours).
        case monochrome
        /// The 8 ANSI colours.
        case eight
        /// 16 colours (bright variants).
        case sixteen
        /// The 256-colour palette.
        case extended
    }

    /// The colour mode in effect after ``start(useColor:)``.
    public private(set) var colorMode: ColorMode = .monochrome
    private var started = false
    private var pairs: [ScreenColor: Int32] = [:]
    /// The frame on the terminal now, so an unchanged one is not sent again.
    private var lastPainted: ScreenFrame?
    /// Whether the terminal's title was pushed on its title stack (popped again by ``stop()``).
    private var titleSaved = false

    /// Whether ``start(useColor:charset:)`` asks the terminal for mouse reports (`--mouse`): button
    /// presses in SGR form (xterm modes 1000 and 1006; no motion), for the wheel. While they are on,
    /// most terminals select text only with Shift held (Option/Fn on macOS terminals).
    public let reportsMouse: Bool

    /// Creates a painter; nothing touches the terminal until ``start(useColor:)``.
    public init(reportsMouse: Bool = false) {
        self.reportsMouse = reportsMouse
    }

    /// What the screen is drawn with, decided by ``start(useColor:charset:)``.
    public private(set) var charset: TerminalCharset = .utf8

    /// Takes over the terminal: locale, curses screen, raw mode, colours, bracketed paste, focus
    /// reporting (`CSI I` / `CSI O` on terminals that have it; the others ignore the request).
    ///
    /// The locale is the environment's; when that is not UTF-8 (`LANG=C`), a UTF-8 one is used for
    /// the character type if the system has one (``UTF8LocaleChooser``), else the screen is drawn in
    /// ASCII. Asking for `.ascii` draws ASCII whatever the locale. Returns the charset in effect.
    @discardableResult
    public func start(useColor: Bool, charset requested: TerminalCharset = .utf8) -> TerminalCharset {
        guard !started else { return charset }
        setlocale(LC_ALL, "")
        let choice = UTF8LocaleChooser.choose(environmentCodeset: Self.codeset()) { name in
            setlocale(LC_CTYPE, name) == nil ? nil : Self.codeset()
        }
        if choice == .none { setlocale(LC_CTYPE, "") }
        charset = requested == .ascii ? .ascii : choice.charset
        initscr()
        raw()
        noecho()
        nonl()
        _ = cncurses_keypad(0)
        // Debian's ncurses 6.4 flushes its output after every cursor move until the screen has once
        // been suspended and resumed (its `_endwin` stays "initial"), so each frame went out as one
        // write per changed row and a terminal could show half of one. One endwin()/doupdate() round
        // trip before anything is drawn ends that: a frame is then one write (more only past curses'
        // output buffer of (rows + 2) × (columns + 6) bytes).
        endwin()
        doupdate()
        started = true
        if useColor, has_colors() {
            start_color()
            use_default_colors()
            let colors = cncurses_colors()
            colorMode = colors >= 256 ? .extended : colors >= 16 ? .sixteen : .eight
            definePairs()
        } else {
            colorMode = .monochrome
        }
        writeControl("\u{1b}[?2004h")  // bracketed paste on
        writeControl("\u{1b}[?1004h")  // focus reporting on
        if reportsMouse { writeControl("\u{1b}[?1000h\u{1b}[?1006h") }
        return charset
    }

    /// The current character type's codeset (`nl_langinfo(CODESET)`).
    private static func codeset() -> String? {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return nil }
        return String(cString: name)
    }

    /// Gives the terminal back: its title, bracketed paste and focus reporting off, cursor visible,
    /// curses ended. Safe to call twice.
    public func stop() {
        guard started else { return }
        restoreTitle()
        started = false
        writeControl("\u{1b}[?1004l")
        if reportsMouse { writeControl("\u{1b}[?1006l\u{1b}[?1000l") }
        writeControl("\u{1b}[?2004l")
        curs_set(1)
        endwin()
        lastPainted = nil
    }

    /// Rings the terminal bell once (curses flashes the screen instead on a terminal without a bell).
    public func ringBell() {
        guard started else { return }
        beep()
    }

    /// Pushes the terminal's title (and icon name) on xterm's title stack (`CSI 22;0 t`), for
    /// ``restoreTitle()``; terminals without the stack ignore it.
    public func saveTitle() {
        guard started, !titleSaved else { return }
        titleSaved = true
        writeControl("\u{1b}[22;0t")
    }

    /// Sets the terminal's window title (`OSC 2`); control characters are left out.
    public func setTitle(_ title: String) {
        guard started else { return }
        let clean = String(String.UnicodeScalarView(title.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
        writeControl("\u{1b}]2;\(clean)\u{1b}\\")
    }

    /// Pops the title saved by ``saveTitle()`` (`CSI 23;0 t`); nothing if none was saved.
    public func restoreTitle() {
        guard started, titleSaved else { return }
        titleSaved = false
        writeControl("\u{1b}[23;0t")
    }

    /// Tells curses the terminal's new size (after SIGWINCH).
    public func resize(columns: Int, rows: Int) {
        guard started, columns > 0, rows > 0 else { return }
        resizeterm(Int32(rows), Int32(columns))
        lastPainted = nil
    }

    /// Forgets what the terminal shows: the next ``paint(_:)`` clears it and draws every cell (Ctrl-L,
    /// for a screen something else wrote over). Curses otherwise sends only the cells it believes
    /// changed, so stray output would stay until those cells did.
    public func repaintEverything() {
        guard started else { return }
        _ = cncurses_clear_on_next_update()
        lastPainted = nil
    }

    /// The size curses believes the screen has.
    public var size: (columns: Int, rows: Int) { (Int(cncurses_cols()), Int(cncurses_lines())) }

    /// Paints a whole frame and updates the terminal in one go; a frame equal to the last one painted
    /// writes nothing.
    public func paint(_ frame: ScreenFrame) {
        guard started, frame != lastPainted else { return }
        lastPainted = frame
        cncurses_erase()
        for (row, spans) in frame.lines.enumerated() where row < frame.rows {
            for span in spans where span.column < frame.columns {
                apply(span.style)
                var wide = Array(span.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
                wide.append(0)
                wide.withUnsafeBufferPointer { buffer in
                    if let base = buffer.baseAddress {
                        _ = cncurses_put(Int32(row), Int32(span.column), base, -1)
                    }
                }
            }
        }
        apply(.plain)
        // Synchronized output (DEC mode 2026): a terminal that has it shows the frame only once it is
        // whole, even when it arrives in pieces; the others ignore the mode. Both ends are written
        // straight to the tty (curses' putp would leave them in stdio's buffer), the start before
        // curs_set, which writes at once.
        writeControl(Self.beginSynchronizedUpdate)
        if let cursor = frame.cursor, cursor.row < frame.rows, cursor.column < max(frame.columns, 1) {
            curs_set(1)
            cncurses_move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        cncurses_noutrefresh()
        doupdate()
        writeControl(Self.endSynchronizedUpdate)
    }

    private static let beginSynchronizedUpdate = "\u{1b}[?2026h"
    private static let endSynchronizedUpdate = "\u{1b}[?2026l"

    private func apply(_ style: ScreenStyle) {
        let pair = colorMode == .monochrome ? 0 : (pairs[style.color] ?? 0)
        // Without colour, roles that only differ by colour get an attribute so they stay distinct.
        let monoDim = colorMode == .monochrome && (style.color == .muted || style.color == .notice)
        let monoBold = colorMode == .monochrome && style.color == .error
        cncurses_set_style(
            style.bold || monoBold ? 1 : 0, style.dim || monoDim ? 1 : 0,
            style.reverse ? 1 : 0, style.underline ? 1 : 0, style.italic ? 1 : 0, pair)
    }

    private func definePairs() {
        // Foregrounds per mode, over the default background (-1).
        let senders256: [Int16] = [39, 208, 112, 170, 220, 45, 203, 141, 78, 214, 117, 176]
        let senders16: [Int16] = [12, 11, 10, 13, 14, 9, 4, 3, 2, 5, 6, 1]
        let senders8: [Int16] = [COLOR_BLUE, COLOR_YELLOW, COLOR_GREEN, COLOR_MAGENTA, COLOR_CYAN, COLOR_RED].map(Int16.init)
        let palette: [Int16]
        let muted: Int16
        switch colorMode {
        case .extended: palette = senders256; muted = 244
        case .sixteen: palette = senders16; muted = 8
        case .eight, .monochrome: palette = senders8; muted = Int16(COLOR_WHITE)
        }
        var next: Int16 = 1
        func define(_ role: ScreenColor, _ foreground: Int16) {
            init_pair(next, foreground, -1)
            pairs[role] = Int32(next)
            next += 1
        }
        for index in 0..<ScreenColor.senderPaletteSize {
            define(.sender(index), palette[index % palette.count])
        }
        define(.notice, colorMode == .extended ? 110 : Int16(COLOR_CYAN))
        define(.error, Int16(COLOR_RED))
        define(.status, -1)
        define(.online, Int16(COLOR_GREEN))
        define(.muted, muted)
        define(.accent, Int16(COLOR_YELLOW))
        define(.code, colorMode == .extended ? 173 : Int16(COLOR_MAGENTA))
        pairs[.normal] = 0
    }

    private func writeControl(_ sequence: String) {
        // Terminal modes curses does not manage; written straight to the tty, flushed at once. A
        // closed terminal (EIO) is not an error here: the session is ending anyway.
        DescriptorOutput.write(sequence, to: STDOUT_FILENO)
    }
}
