/// Decodes an xterm SGR mouse report (mode 1006): `ESC [ < Cb ; Cx ; Cy M` for a press (or wheel,
/// or motion), `… m` for a release.
///
/// `Cb`'s low two bits are the button (0 left, 1 middle, 2 right; 3 "none", seen with motion), +4
/// Shift, +8 Meta, +16 Ctrl, +32 motion, +64 wheel (buttons 4–7: up, down, left, right), +128 the
/// extra buttons 8–11. Anything else (missing or non-numeric fields, zero coordinates, codes past
/// 255) is not a report: nil, and the decoder drops it.
public enum SGRMouseReport {
    /// The event for the parameter bytes after `ESC[` (starting with `<`) and the final byte.
    public static func parse(parameters: [UInt8], final: UInt8) -> MouseEvent? {
        guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m"),
              parameters.first == UInt8(ascii: "<") else { return nil }
        let fields = parameters.dropFirst().split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        var values: [Int] = []
        for field in fields {
            guard !field.isEmpty, field.count <= 5, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            values.append(field.reduce(0) { $0 * 10 + Int($1 - 0x30) })
        }
        let code = values[0]
        guard code <= 255, values[1] >= 1, values[2] >= 1 else { return nil }
        var modifiers: KeyModifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.control) }
        let low = code & 3
        let action: MouseEvent.Action
        if code & 64 != 0, code & 128 == 0 {
            guard final == UInt8(ascii: "M") else { return nil }  // wheels have no release
            let wheels: [MouseEvent.Action] = [.wheelUp, .wheelDown, .wheelLeft, .wheelRight]
            action = wheels[low]
        } else if code & 32 != 0 {
            action = .motion
        } else {
            let button = code & 128 != 0 ? 8 + low : low == 3 ? 0 : low + 1
            guard button != 0 else { return nil }
            action = final == UInt8(ascii: "M") ? .press(button: button) : .release(button: button)
        }
        return MouseEvent(action: action, column: values[1], row: values[2], modifiers: modifiers)
    }
}
