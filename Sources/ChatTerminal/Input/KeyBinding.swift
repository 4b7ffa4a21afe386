/// The key table of design §5: maps each decoded `KeyEvent` to a `KeyAction`.
///
/// | key | action |
/// | --- | --- |
/// | Enter | submit |
/// | Alt-Enter (Shift-/Ctrl-Enter where the terminal tells them apart) | insert a line break (the draft grows; Enter sends all of it) |
/// | Tab | complete (Shift-Tab too) |
/// | ← → / Ctrl-B Ctrl-F | move one grapheme |
/// | Alt-B Alt-F / Ctrl-← Ctrl-→ / Alt-← Alt-→ | move one word |
/// | Home End / Ctrl-A Ctrl-E | move to start / end (End with the cursor already at the end: scroll to the bottom) |
/// | Backspace (Ctrl-H), Delete | delete back / forward |
/// | Ctrl-W, Alt-Backspace | delete word back |
/// | Alt-D | delete word forward |
/// | Ctrl-U, Ctrl-K, Ctrl-Y | kill to start, kill to end, yank |
/// | ↑ ↓ / Ctrl-P Ctrl-N | line up / down in a multi-line draft; history from its first / last line |
/// | Ctrl-↑ Ctrl-↓ / Alt-↑ Alt-↓ / Alt-P Alt-N | history, whichever line the cursor is on |
/// | mouse wheel (with `--mouse`) | scroll the log 3 lines |
/// | PgUp PgDn | scroll a page |
/// | Ctrl-Home Ctrl-End, Alt-Home Alt-End | scroll to top / bottom |
/// | F2 | toggle the sidebar (like `/users`) |
/// | Ctrl-R Ctrl-S | search: older / newer match (Ctrl-R with text typed starts a search for it) |
/// | Esc | end the search, view back where it was |
/// | Alt-U | jump to the unread marker (`── new ──`) |
/// | focus in / out (`CSI I` / `CSI O`) | the terminal's focus changed |
/// | Ctrl-L | redraw |
/// | Ctrl-C | quit |
/// | Ctrl-D | quit on an empty line, else delete forward |
/// | typed text, bracketed paste | insert |
public enum KeyBinding {
    /// The action for `event`; `editorIsEmpty` decides what Ctrl-D does, `cursorAtEnd` what End does
    /// (End jumps to the bottom of the log when it cannot move the input cursor, as the
    /// "new messages below" bar says).
    public static func action(for event: KeyEvent, editorIsEmpty: Bool, cursorAtEnd: Bool = false) -> KeyAction {
        switch event {
        case .text(let text):
            return .edit(.insert(text))
        case .paste(let text):
            return .edit(.insert(text))
        case .focus(let gained):
            return .focusChanged(gained)
        case .mouse(let mouse):
            return mouseAction(mouse)
        case .key(let key, let modifiers):
            return action(for: key, modifiers: modifiers, editorIsEmpty: editorIsEmpty, cursorAtEnd: cursorAtEnd || editorIsEmpty)
        }
    }

    private static func action(for key: Key, modifiers: KeyModifiers, editorIsEmpty: Bool, cursorAtEnd: Bool) -> KeyAction {
        let control = modifiers.contains(.control)
        let alt = modifiers.contains(.alt)
        switch key {
        case .enter:
            return modifiers.isEmpty ? .submit : .edit(.insert("\n"))
        case .tab, .backTab:
            return .complete
        case .left:
            return .edit(control || alt ? .moveWordLeft : .moveLeft)
        case .right:
            return .edit(control || alt ? .moveWordRight : .moveRight)
        case .up:
            return .edit(control || alt ? .historyPrevious : .moveLineUp)
        case .down:
            return .edit(control || alt ? .historyNext : .moveLineDown)
        case .home:
            return control || alt ? .scrollToTop : .edit(.moveToStart)
        case .end:
            return control || alt || cursorAtEnd ? .scrollToBottom : .edit(.moveToEnd)
        case .pageUp:
            return .scrollPageUp
        case .pageDown:
            return .scrollPageDown
        case .backspace:
            return .edit(alt || control ? .deleteWordBackward : .deleteBackward)
        case .delete:
            return .edit(.deleteForward)
        case .function(2):
            return .toggleSidebar
        case .character(let character):
            if control && !alt {
                return controlAction(character, editorIsEmpty: editorIsEmpty)
            }
            if alt && !control {
                return altAction(character)
            }
            return .none
        case .escape:
            return modifiers.isEmpty ? .cancelSearch : .none
        case .insert, .function:
            return .none
        }
    }

    private static func controlAction(_ character: Character, editorIsEmpty: Bool) -> KeyAction {
        switch character {
        case "a": return .edit(.moveToStart)
        case "e": return .edit(.moveToEnd)
        case "b": return .edit(.moveLeft)
        case "f": return .edit(.moveRight)
        case "w": return .edit(.deleteWordBackward)
        case "u": return .edit(.killToStart)
        case "k": return .edit(.killToEnd)
        case "y": return .edit(.yank)
        case "p": return .edit(.moveLineUp)
        case "n": return .edit(.moveLineDown)
        case "l": return .redraw
        case "r": return .searchOlder
        case "s": return .searchNewer
        case "c": return .quit
        case "d": return editorIsEmpty ? .quit : .edit(.deleteForward)
        default: return .none
        }
    }

    private static func altAction(_ character: Character) -> KeyAction {
        switch character {
        case "b", "B": return .edit(.moveWordLeft)
        case "f", "F": return .edit(.moveWordRight)
        case "d", "D": return .edit(.deleteWordForward)
        case "u", "U": return .jumpToUnread
        case "p", "P": return .edit(.historyPrevious)
        case "n", "N": return .edit(.historyNext)
        default: return .none
        }
    }

    /// Lines one wheel step scrolls (xterm, VTE and tmux scroll their own history by 3 or so too).
    public static let wheelLines = 3

    /// The wheel scrolls the log; clicks and motion do nothing (selection is the terminal's, with Shift).
    private static func mouseAction(_ mouse: MouseEvent) -> KeyAction {
        switch mouse.action {
        case .wheelUp: return .scrollLines(-wheelLines)
        case .wheelDown: return .scrollLines(wheelLines)
        case .press, .release, .wheelLeft, .wheelRight, .motion: return .none
        }
    }
}
