/// A mouse report from the terminal (only asked for with `--mouse`; see `SGRMouseReport`).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Action: Hashable, Sendable {
        /// A button went down (1 left, 2 middle, 3 right, 8–11 the extra buttons).
        case press(button: Int)
        /// A button came up (SGR reports say which one).
        case release(button: Int)
        /// The wheel turned away from the user (scroll up).
        case wheelUp
        /// The wheel turned towards the user (scroll down).
        case wheelDown
        /// Horizontal wheel or tilt, left.
        case wheelLeft
        /// Horizontal wheel or tilt, right.
        case wheelRight
        /// The pointer moved (with a button held, or any motion when that mode is on).
        case motion
    }

    /// What happened.
    public var action: Action
    /// Column of the pointer, 1-based as the terminal reports it.
    public var column: Int
    /// Row of the pointer, 1-based as the terminal reports it.
    public var row: Int
    /// Shift, Alt (Meta) and Ctrl held during the event.
    public var modifiers: KeyModifiers

    /// Creates an event.
    public init(action: Action, column: Int, row: Int, modifiers: KeyModifiers = []) {
        self.action = action
        self.column = column
        self.row = row
        self.modifiers = modifiers
    }
}
