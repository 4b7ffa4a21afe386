/// Modifier keys held with a key, as xterm reports them (`ESC[1;<1+bits>X`) or an ESC prefix implies.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    /// The modifier bits.
    public let rawValue: UInt8

    /// Creates modifiers from bits (shift 1, alt 2, control 4).
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Shift.
    public static let shift = KeyModifiers(rawValue: 1)
    /// Alt/Meta (ESC prefix, or xterm modifier bit 2 or 8).
    public static let alt = KeyModifiers(rawValue: 2)
    /// Control.
    public static let control = KeyModifiers(rawValue: 4)
}
